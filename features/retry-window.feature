@negotiation @client @slow
Feature: The candidate gives up on a refused connection after about a minute
  A negotiator whose CreateConnection is refused with 409 or 5xx retries with growing pauses, but only for about
  60 seconds: after that it stops and tells its customer, instead of loading a peer that is down. The kit refuses
  every attempt for longer than that and notes when each arrives. Tight loops and giving up at once are judged by
  the negotiator feature; this one only asks whether the retries end. It takes about 90 seconds, so it runs only
  when slow scenarios are asked for (`ictk run --slow`).
  Upstream: paths/connections.yaml#AllConnections.

  @CC-NEG-060
  Scenario: Retries of a refused connection stop about 60 seconds after the first attempt
    Given the kit issued an activation key to the candidate's customer
    And the kit will refuse every request to create a connection as unavailable for the next minutes
    When the customer enters the key at the candidate
    Then the candidate's attempts to create the connection end about 60 seconds after its first one
