@activation-key
Feature: Activation keys prove the customer's intent
  A customer orders a connection at the candidate and carries the activation key to the other provider, who
  asks the candidate to confirm it before anything is built. The key says what the customer ordered, under a
  connection id of its own, and having issued it the candidate waits for the other provider to act. Only the
  genuine, unused key of a live order may be confirmed; everything else is refused without harm to the candidate.
  Upstream: docs/Protocols.md#establish-customer-intent, docs/ConnectionCoordinatorAPI.md#activation-key,
  schemas/environment.yaml#ActivationKey, schemas/connection.yaml#Connection.
  Readings: ERRATA D07, D11, D34, D35, D36, D37, E10.

  Background:
    Given a customer ordered a connection at the candidate for the kit's account

  @CC-AK-011 @CC-AK-002 @CC-AK-009
  Scenario: A genuine activation key is confirmed
    Then the activation key is base64 text of the key's JSON fields
    When the kit confirms the key with the candidate
    Then the candidate says the key is valid

  @CC-AK-013 @CC-AK-014
  Scenario: The key carries the order, in version 1 of the key format
    Then the decoded key names the environment, the bandwidth and the account of the order
    And the decoded key is version 1 of the key format

  @CC-AK-015
  Scenario: Every key names a connection of its own
    When the customer orders a second connection at the candidate for the kit's account
    Then each key names its connection with a UUID that no other key uses

  @CC-AK-012
  Scenario: Confirming a key twice before using it gives the same answer
    When the kit confirms the key with the candidate twice
    Then the candidate says the key is valid both times

  @CC-AK-003
  Scenario: A key already used for a connection is not confirmed again
    Given the kit used the key to place the connection
    When the kit confirms the key with the candidate
    Then the candidate refuses the key, as CC-AK-003 requires

  @CC-AK-005
  Scenario: The key of a connection the customer deleted is not confirmed
    Given the customer deleted the order at the candidate
    When the kit confirms the key with the candidate
    Then the candidate refuses the key, as CC-AK-005 requires

  @CC-AK-004
  Scenario Outline: A key with its <field> altered is refused
    When the kit confirms the key with its <field> altered
    Then the candidate refuses the key, as CC-AK-004 requires

    Examples:
      | field                     |
      | sharedConnectionUuid      |
      | connectionSizeMbps        |
      | destinationEnvironmentUri |
      | version                   |

  @CC-AK-007
  Scenario: A key whose destination account was altered is refused
    When the kit confirms the key with its destinationAccountId altered
    Then the candidate refuses the key, as CC-AK-007 requires

  @CC-AK-006
  Scenario: A key presented in another environment is refused
    When the kit confirms the key in an environment it was not issued for
    Then the candidate refuses the key, as CC-AK-006 requires

  @CC-AK-008
  Scenario Outline: Confirming a key that is <kind> fails cleanly
    When the kit asks the candidate to confirm a <kind> key
    Then the candidate refuses the key without a server error, as CC-AK-008 requires

    Examples:
      | kind       |
      | garbage    |
      | empty      |
      | non-base64 |
      | oversize   |

  @CC-AK-001
  Scenario: The candidate does not issue a key for a bandwidth it cannot provide
    When a customer orders a connection at the candidate with a bandwidth the environment does not offer
    Then the candidate refuses to issue the key

  @CC-AK-016
  Scenario: Having issued keys, the candidate waits for the other provider to use them
    When the kit leaves the keys the candidate issued unused for a while
    Then the candidate made no connection request to the kit for a key the kit had not used yet
