@maintenance
Feature: Maintenance never takes two channels of one interconnect down at once
  Each provider publishes its scheduled maintenance per channel. Before it schedules a window it tells the other
  provider with NotifyMaintenance on that channel, and the other provider fetches the events with
  GetMaintenanceEvents. A provider never schedules a window that overlaps maintenance on another channel of the
  same interconnect, whichever provider published it. The kit reads and publishes windows far in the future, in
  slots free on every channel of the interconnect. Overlaps are findings, not failures: the API cannot tell
  scheduled from emergency maintenance.
  Upstream: docs/Protocols.md#maintenance-coordination, paths/channels.yaml#NotifyMaintenance,
  paths/channels.yaml#GetMaintenanceEvents, schemas/channel.yaml#MaintenanceEvent,
  governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#service-reliability.
  Readings: ERRATA D07, D08, D29, D37, D61, D68.

  @client @CC-MNT-004 @CC-MNT-005 @CC-MNT-002
  Scenario: The candidate tells the kit about new maintenance, and the kit can fetch it
    Given an interconnect with time free for maintenance on two of its channels
    When the customer schedules maintenance on both channels at different times
    Then the candidate notified the kit on each of the two channels
    And the kit finds each new event among the channel's maintenance events
    And every maintenance event on the interconnect has an id of its own

  @CC-MNT-013 @CC-MNT-001 @CC-MNT-003
  Scenario: Every channel publishes well-formed maintenance windows
    Given the candidate has maintenance scheduled where it can be
    When the kit reads the maintenance events of every channel and notifies each of them
    Then every channel answers for its maintenance events and notifications
    And every published window is two date-times with the end after the start
    And no two channels of an interconnect have overlapping windows

  @client @CC-MNT-006
  Scenario: The candidate refuses maintenance overlapping its own on another channel
    Given the candidate has maintenance scheduled on one channel of an interconnect
    When the customer asks for maintenance on another channel of that interconnect at an overlapping time
    Then the candidate refuses the overlapping window with 409 Conflict

  @CC-MNT-010 @CC-MNT-008 @CC-MNT-009
  Scenario: The candidate fetches the kit's maintenance when the kit notifies it
    Given the kit has scheduled maintenance on a channel
    When the kit notifies the candidate on that channel with an empty body
    Then the candidate accepts the maintenance notification
    And it promptly reads the kit's maintenance for that channel
    And it reads the events themselves rather than only the channel

  @client @CC-MNT-007
  Scenario: The candidate refuses maintenance overlapping the kit's on another channel
    Given the kit has scheduled maintenance on a channel and notified the candidate
    When the customer asks for maintenance on another channel of that interconnect at an overlapping time
    Then the candidate refuses the overlapping window with 409 Conflict
