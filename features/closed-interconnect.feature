@negotiation
Feature: An interconnect closed to new connections takes none
  An interconnect in INTERCONNECT_STATE_CLOSED keeps the connections it has but must refuse new ones with a client
  error, so that a negotiator moves to another interconnect. The kit orders a key in the environment of such an
  interconnect, confirms it, and asks for the connection there. A candidate that publishes no closed interconnect
  is not judged here.
  Upstream: schemas/interconnect.yaml#InterconnectState, paths/connections.yaml#AllConnections.

  @CC-NEG-032
  Scenario: A connection on a closed interconnect is refused
    Given the candidate publishes an interconnect closed to new connections
    And the kit holds a confirmed activation key for that interconnect's environment
    When the kit asks the candidate to create the connection on the closed interconnect
    Then the candidate refuses it with a client error
