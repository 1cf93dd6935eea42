@lifecycle
Feature: Connections change and end as the customer asks
  After a connection exists, the other provider may change its bandwidth and delete it; the candidate applies
  what fits, refuses what does not, removes features with their connection, and never lets a caller set
  fields that only the candidate may set.
  Upstream: docs/Protocols.md#update-connection-workflow, docs/Protocols.md#delete-connection-workflow,
  paths/connections.yaml#UpdateConnection, schemas/connection.yaml#Connection. Readings: ERRATA D38, D43.

  @CC-LC-001
  Scenario: A bandwidth change that fits is applied
    Given the kit placed a connection on the candidate
    When the kit changes the connection's bandwidth to another size the interconnect offers
    Then the candidate reports the new bandwidth

  @CC-LC-002
  Scenario: A bandwidth change beyond the interconnect's capacity is refused
    Given the kit placed a connection on the candidate
    When the kit changes the connection's bandwidth beyond what the interconnect can carry
    Then the candidate refuses the change and keeps the old bandwidth

  @CC-LC-004 @CC-LC-006
  Scenario: Deleting a connection removes it with its features
    Given the kit negotiated a connection with a feature on every channel
    When the kit deletes the connection
    Then the connection is gone, as CC-LC-006 requires
    And its features are gone, as CC-LC-004 requires

  @CC-LC-005
  Scenario: Fields only the candidate may set are ignored in a request
    Given the kit holds a confirmed activation key from the candidate
    When the kit places the connection claiming it is already verified and disabled
    Then the candidate reports the new connection as unverified

  @CC-LC-007
  Scenario: An update that names any field other than the bandwidth is refused
    Given the kit placed a connection on the candidate
    When the kit asks to change the connection's administrative state, alone and along with its bandwidth
    Then the candidate refuses every such update

  @CC-LC-008
  Scenario: A connection in service is deleted when the other provider asks
    Given the kit negotiated a connection with a feature on every channel
    When the kit waits for the candidate to provision
    Then every feature reaches the final provisioning state
    And the candidate notifies the kit that the connection changed
    When the kit notifies the candidate that its side is ready
    Then the connection becomes verified
    When the connection has been in service for 1 second
    And the kit deletes the connection
    Then the candidate carries out the deletion

  @CC-LC-009
  Scenario: Deleting a deleted connection again is answered cleanly
    Given the kit placed a connection on the candidate
    When the kit deletes the connection
    And the kit deletes the connection again
    Then the candidate answers the repeated delete with success or not found

  @CC-LC-010
  Scenario: A deleted feature is gone
    Given the kit placed a connection on the candidate
    And the candidate accepted a feature on the first channel
    When the kit deletes the feature
    Then reading the feature answers not found
