@deferral
Feature: The other provider may hand the active role to the candidate
  A provider that received the key may defer: it creates its connection and asks the candidate to create one
  with deferProvisioning set. The candidate then either refuses with 400 or takes over the negotiation:
  it asks the deferring provider for guidance, proposes features inside it and notifies once they are final.
  A rollback by DeleteConnection removes everything on the candidate's side.
  Upstream: docs/DeferringProvider.md#defer-connection-flow, docs/DeferringProvider.md#rollback-and-failure-handling,
  schemas/connection.yaml#Connection. Readings: ERRATA D21, D22, D23, D24, D25.

  Background:
    Given the kit holds a confirmed activation key from the candidate

  @CC-DEF-001 @CC-DEF-002 @CC-DEF-003 @CC-DEF-004
  Scenario: The candidate takes over a deferred connection, or refuses it with 400
    When the kit places the connection deferring provisioning to the candidate
    Then the candidate either refuses the deferral with 400 or accepts it
    And having accepted, it asks the kit for guidance and proposes features on the kit's channels
    And its proposals follow the kit's guidance
    And it notifies the kit once its features are final

  @CC-DEF-007
  Scenario: Rolling back a deferred connection removes the candidate's side
    Given the kit deferred a connection to the candidate and the candidate took it over
    When the kit rolls the deferral back by deleting the connection
    Then the candidate's connection and its features are gone

  @CC-DEF-006
  Scenario: The misspelt deferConnection flag is not taken as a deferral
    When the kit places the connection with only the misspelt deferConnection flag
    Then the candidate does not take over the negotiation
