@negotiation @client
Feature: The candidate drives a negotiation as the provider that received the key
  A customer orders a connection from the kit's side and enters the key at the candidate. The candidate must
  then confirm the key with the kit, create its own connection first, place it, ask for guidance, propose one
  L3 feature per channel inside the kit's guidance, create each feature on its side first, notify, and verify
  only once both sides have notified. The kit plays the issuing provider and watches every call it receives.
  It must also refuse on its own a key it cannot honour, describe the BGP sessions correctly, avoid VLANs already
  in use, name everything by the ids both sides agreed on, start a refused channel over from the guidance without
  leaving anything half-built, and read the kit's side again when the kit notifies.
  Upstream: docs/Protocols.md#customer-connection-workflow, docs/Protocols.md#establish-customer-intent,
  docs/Protocols.md#negotiate-feature-parameters, docs/Protocols.md#environment, docs/ConnectionCoordinatorAPI.md#step-2-negotiate-l3-parameters,
  paths/connections.yaml#AllConnections, paths/connections.yaml#NotifyConnectionStatus, paths/features.yaml#AllFeatures,
  schemas/feature.yaml#ProviderBgpConfig, schemas/connection.yaml#VLANRange.
  Readings: ERRATA D26, D27, D32, D34, D35, D36, D39, D42, D53, D54, D55, D80.

  Background:
    Given the kit issued an activation key to the candidate's customer

  @CC-AK-020 @CC-AK-023 @CC-AK-028 @CC-NEG-064 @CC-NEG-065
  Scenario: The candidate confirms the key with the kit before anything else
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate confirmed the key before any other call about the connection
    And it sent the key as base64 text in encodedKey, under the environment the key names
    And it called the kit under its own provider id
    And it named only the environment, interconnects and channels both sides agreed on

  @CC-NEG-041 @CC-NEG-043 @CC-NEG-044 @CC-NEG-057
  Scenario: The candidate creates its own connection first and places it where there is most room
    Given the kit already holds a connection on the interconnect with the most room
    And the kit will look at the candidate's own connection when the candidate asks the kit to create one
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate held its own connection when it asked the kit to create one
    And it asked for exactly the bandwidth on the key, using the key's connection id
    And it placed the connection on the interconnect with the most room left

  @CC-NEG-042 @CC-NEG-052 @CC-NEG-053
  Scenario: The candidate asks for guidance first and proposes one feature per channel
    Given the kit will look at the candidate's own features when the candidate proposes them
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate asked for guidance after placing the connection and before proposing
    And it proposed exactly one feature on each channel of the interconnect
    And each feature existed on the candidate's side before it was proposed

  @CC-NEG-045 @CC-NEG-046 @CC-NEG-047 @CC-NEG-048 @CC-NEG-049 @CC-NEG-050 @CC-NEG-051 @CC-NEG-068
  Scenario: Every proposal follows the kit's narrow guidance and keeps clear of VLANs in use
    Given the kit gives narrow guidance on every interconnect
    And another connection already uses the kit's first guided VLAN on one channel of every interconnect
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then every proposed VLAN lies in the kit's guided range and is free on its channel
    And every proposed subnet lies inside the kit's include subnet, clear of its exclusions, with an allowed length
    And every proposed MTU lies in the kit's guided range
    And every proposed MTU is the largest both providers support
    And every ASN proposed for the kit comes from the kit's guided range
    And every proposal sets every required field, with one BGP session per provider inside its subnet

  @CC-NEG-039 @CC-NEG-054 @CC-NEG-055
  Scenario: The candidate verifies the connection only after both sides have notified
    Given the kit holds back its own notification
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate notified the kit once its features were final
    And the candidate's connection is not verified while the kit has not notified
    When the kit releases its notification
    Then the candidate's connection becomes verified
    And the candidate read the connection's features back from the kit

  @CC-NEG-061 @CC-NEG-062
  Scenario: After the kit refuses a proposal the candidate starts that channel over and leaves nothing half-built
    Given the kit will refuse the candidate's first proposal as a conflict
    When the customer enters the key at the candidate
    And the candidate finishes negotiating with the kit
    Then the candidate and the kit hold the same features, the refused channel settled or the connection removed
    And the candidate asked the kit for guidance again before proposing on the refused channel again

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

  @CC-AK-026
  Scenario: A key naming an environment the candidate does not share with the kit is refused
    Given the kit's key names an environment the candidate does not share with the kit
    And the kit vouches for its key wherever the candidate confirms it
    When the customer enters that key at the candidate
    Then the candidate neither places the connection on the kit nor keeps one, as CC-AK-026 requires

  @CC-AK-027
  Scenario: A key for a bandwidth the candidate's environment does not offer is refused
    Given the kit's key asks for a bandwidth the candidate's environment does not offer
    When the customer enters that key at the candidate
    Then the candidate neither places the connection on the kit nor keeps one, as CC-AK-027 requires

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
