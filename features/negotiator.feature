@negotiation @client
Feature: The candidate drives a negotiation as the provider that received the key
  A customer orders a connection from the kit's side and enters the key at the candidate. The candidate must
  then confirm the key with the kit, create its own connection first, place it, ask for guidance, propose one
  L3 feature per channel inside the kit's guidance, create each feature on its side first, notify, and verify
  only once both sides have notified. The kit plays the issuing provider and watches every call it receives.
  Upstream: docs/Protocols.md#customer-connection-workflow, docs/Protocols.md#establish-customer-intent,
  docs/Protocols.md#negotiate-feature-parameters, paths/connections.yaml#AllConnections, paths/features.yaml#AllFeatures.
  Readings: ERRATA D27, D35, D36, D39, D42, D54.

  Background:
    Given the kit issued an activation key to the candidate's customer

  @CC-AK-020 @CC-AK-023 @CC-AK-028 @CC-NEG-065
  Scenario: The candidate confirms the key with the kit before anything else
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate confirmed the key before any other call about the connection
    And it sent the key as base64 text in encodedKey, under the environment the key names
    And it called the kit under its own provider id

  @CC-NEG-041 @CC-NEG-043 @CC-NEG-044
  Scenario: The candidate creates its own connection before asking the kit to create one
    Given the kit will look at the candidate's own connection when the candidate asks the kit to create one
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate held its own connection when it asked the kit to create one
    And it asked for exactly the bandwidth on the key, using the key's connection id

  @CC-NEG-042 @CC-NEG-052 @CC-NEG-053
  Scenario: The candidate asks for guidance first and proposes one feature per channel
    Given the kit will look at the candidate's own features when the candidate proposes them
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate asked for guidance after placing the connection and before proposing
    And it proposed exactly one feature on each channel of the interconnect
    And each feature existed on the candidate's side before it was proposed

  @CC-NEG-045 @CC-NEG-046 @CC-NEG-047 @CC-NEG-048 @CC-NEG-049 @CC-NEG-051
  Scenario: Every proposal follows the kit's narrow guidance
    Given the kit gives narrow guidance on every interconnect
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then every proposed VLAN lies in the kit's guided range
    And every proposed subnet lies inside the kit's include subnet, clear of its exclusions, with an allowed length
    And every proposed MTU lies in the kit's guided range
    And every proposed MTU is the largest both providers support
    And every ASN proposed for the kit comes from the kit's guided range
    And every proposal sets every required field

  @CC-NEG-054 @CC-NEG-055
  Scenario: The candidate verifies the connection only after both sides have notified
    Given the kit holds back its own notification
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate notified the kit once its features were final
    And the candidate's connection is not verified while the kit has not notified
    When the kit releases its notification
    Then the candidate's connection becomes verified

  @CC-AK-021 @CC-AK-022
  Scenario: A key the kit refuses stops the negotiation
    Given the kit will refuse the key when the candidate confirms it
    When the customer enters the key at the candidate
    Then the candidate never asks the kit to create the connection
    And the candidate keeps no connection for the refused key

  @CC-AK-024
  Scenario: A key for another customer account is refused without asking the kit
    When another customer enters the key at the candidate
    Then the candidate neither confirms the key nor asks the kit to create the connection

  @CC-AK-025
  Scenario: A key the candidate cannot read is refused without asking the kit
    When the customer enters a key that is not an activation key at the candidate
    Then the candidate neither confirms the key nor asks the kit to create the connection

  @CC-NEG-056
  Scenario: After a conflict the candidate tries another interconnect
    Given the kit will answer the next connection request with a conflict
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate asked again on another interconnect

  @CC-NEG-058 @CC-NEG-059
  Scenario: The candidate retries an unavailable kit with growing gaps
    Given the kit will answer the next 5 connection requests as unavailable
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate retried until the kit answered
    And the gaps between its attempts grew
