@sla
Feature: The candidate keeps the service levels a partner promises
  A partner is admitted on meeting AWS operational requirements, service levels included. The kit measures
  them rather than taking them on trust: the candidate's read operations under a bounded load, the time a
  connection a customer orders takes to be provisioned, and the data-plane availability its own monitoring
  shows. Thresholds come from the run configuration (sla.*).
  Sources: kit-contracts.md section 2 (sla defaults), seeds/000 (99.99% availability, packet loss, round-trip
  latency and bandwidth monitoring), seeds/001 (connections come up within minutes). Readings: ERRATA D68.

  @CC-SLA-001 @CC-SLA-002
  Scenario: Read operations stay available and fast under a bounded load
    Given the kit spreads its load over the candidate's read operations
    When the kit sends the configured number of read requests at the configured concurrency
    Then the share of requests answered without a transport or server error meets the availability threshold
    And the 99th percentile latency of those requests stays within the latency threshold

  @CC-SLA-004 @CC-SLA-005 @CC-SLA-006
  Scenario: A connection a customer orders at the candidate is provisioned in time
    Given a customer ordered a connection at the candidate and the kit confirmed its key
    When the kit places the connection and proposes a feature on every channel
    Then the candidate's features reach the final provisioning state within the provisioning threshold
    And the candidate notifies the kit within the notification threshold of its features turning final
    When the kit tells the candidate that its own side is ready
    Then the connection is verified within the provisioning threshold of the customer's order

  @CC-SLA-003
  Scenario: A connection a customer starts with the kit's key at the candidate is provisioned in time
    Given the kit issued an activation key to the candidate's customer
    When the customer enters the key at the candidate, the kit timing it from that moment
    Then the connection is verified on both sides within the provisioning threshold of the key being entered

  @CC-SLA-007 @CC-SLA-008 @CC-SLA-009
  Scenario: The partner's data-plane monitoring shows the promised availability
    Given the data-plane monitoring samples the partner exported
    Then each calendar month of the samples meets the data-plane availability threshold
    And the 99th percentile round-trip time stays within its threshold
    And the samples cover their whole window, with every gap reported
