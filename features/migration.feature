@lifecycle
Feature: A connection can move to another interconnect, make before break
  To give a customer more bandwidth than its interconnect can hold, a provider creates the same connection
  (same shared UUID) on another interconnect, brings it up, and only then deletes the old one.
  Upstream: docs/Protocols.md#migration-workflow-in-progress. Readings: ERRATA D42, D71 (the section is marked
  in progress, so these are SHOULD requirements).

  @CC-LC-025 @CC-LC-026 @CC-LC-027
  Scenario: The same connection is made on a second interconnect before the first is removed
    Given the kit negotiated a connection with a feature on every channel
    When the kit creates the same connection with its features on another interconnect
    Then the candidate accepts the second connection
    And both connections exist, each under its own interconnect
    When the kit deletes the connection on the first interconnect
    Then the connection and its features on the second interconnect are still there
