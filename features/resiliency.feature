@resiliency
Feature: The candidate's interconnects survive the loss of a device or a building
  AWS Interconnect promises customers that losing one router or one facility never takes their connection down.
  The kit reads the interconnects and channels the candidate publishes to it and checks that promise from them:
  enough channels, each on a device of its own, spread over at least two facilities, of equal capacity, with
  bandwidth, sizes and features the interconnect can really carry, and device groups that let maintenance proceed.
  Every requirement shows a table per interconnect (channel, device, facility, demarc, capacity, MACsec manager);
  the report marks each finding as a production blocker or an advisory (the catalog's severity). Interconnects
  still PENDING are not judged. A connection that never becomes ready is not verified, and is not cleaned up early
  either: the spec lets it go only after 7 days, of which a run watches the first second.
  Upstream: docs/Protocols.md#channel, docs/Protocols.md#maintenance-coordination,
  docs/ConnectionCoordinatorAPI.md#channel, schemas/channel.yaml, schemas/interconnect.yaml,
  schemas/environment.yaml, schemas/connection.yaml#Connection,
  governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#fault-isolation.
  Readings: ERRATA D40, D41, D51, D56, D62, D70, D72.

  Background:
    Given the interconnects and channels the candidate publishes to the kit

  @CC-RES-001 @CC-RES-002
  Scenario: Every interconnect has enough channels to lose one
    Then every interconnect has at least four channels
    And every interconnect has exactly four channels

  @CC-RES-003 @CC-RES-004 @CC-RES-005
  Scenario: Each channel of an interconnect sits on a device of its own
    Then every channel names the device it sits on
    And no two channels of an interconnect sit on the same device
    And no device name gives away a router's address or host name

  @CC-RES-006 @CC-RES-007
  Scenario: The channels of an interconnect are spread over at least two facilities
    Then every channel has a cross-connect point of its own
    And the channels of every interconnect are spread over at least two facilities

  @CC-RES-008 @CC-RES-009 @CC-RES-010
  Scenario: Channels are of equal capacity and the interconnect promises no more than they carry
    Then all channels of an interconnect have the same capacity
    And channels are built from 100G or 400G ports
    And no interconnect promises more bandwidth than its smallest channel carries

  @CC-RES-011 @CC-RES-012
  Scenario: Every interconnect offers what its environment promises customers
    Then every interconnect offers every connection size of its environment
    And every interconnect supports every feature of its environment

  @CC-RES-013
  Scenario: Each environment names the two providers it connects
    Then each environment names exactly the candidate and the kit as its two providers

  @maintenance @CC-MNT-011
  Scenario: Interconnects are grouped on devices so that maintenance cannot deadlock
    Then any two interconnects share all of their devices or none of them

  @CC-RES-014
  Scenario: A connection keeps working while one channel is administratively disabled
    Given one channel of an interconnect carrying a verified connection is administratively disabled
    Then the connection stays verified and usable

  @CC-RES-015 @lifecycle @CC-LC-011
  Scenario: A connection with features on too few channels is never verified, and is kept all the same
    Given the kit negotiated a connection with features on fewer channels than readiness needs
    When the kit tells the candidate its side of the connection is ready
    And the kit watches the connection for a while
    Then the candidate keeps the connection that has not finalized
    And the candidate does not verify the connection, as CC-RES-015 requires
