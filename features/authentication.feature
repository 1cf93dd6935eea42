@security
Feature: Providers prove who they are on every call
  Each provider authenticates the other on every API call (SigV4 toward AWS, the partner's own scheme toward the
  partner), and answers only for the provider the credentials belong to. The kit calls the candidate with no
  credentials, with wrong ones (a wrong token; for SigV4 a wrong secret, an unknown key id and a signature from
  twenty minutes ago) and under provider ids it must not serve, and expects each call refused. It also checks the
  credentials on every call the candidate makes to the kit's peer API against kit.peerAuth, and answers a call
  without valid ones as the real peer would, with 401 or 403. Where the run gives the kit no credentials to judge
  with, the report says so rather than passing.
  Upstream: docs/Protocols.md#authentication, governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#authentication-and-authorization,
  schemas/provider.yaml#Provider. Readings: ERRATA D03, D20, D45.

  @CC-SEC-003
  Scenario: A call without credentials is refused
    When the kit calls the candidate without credentials
    Then the candidate refuses each of those calls with 401 or 403

  @CC-SEC-004
  Scenario: A call with wrong credentials is refused
    When the kit calls the candidate with credentials that are wrong in each way it can make them
    Then the candidate refuses each of those calls with 401 or 403

  @CC-SEC-005
  Scenario: Calls under a provider id the kit may not use are refused
    When the kit calls the candidate under provider ids its credentials do not cover
    Then the candidate refuses each call under a provider id the kit may not use

  @CC-SEC-006
  Scenario: The candidate authenticates every call it makes to the kit
    Given the kit issued an activation key to the candidate's customer
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then every call the candidate has made to the kit so far carried the credentials the kit requires
