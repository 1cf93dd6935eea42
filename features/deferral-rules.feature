@deferral
Feature: A deferral stays within the candidate's environment and the seven-day rule
  Before it takes over a deferred connection, the candidate checks the request against its own environment, as it
  would any connection: a size the environment does not offer is refused rather than taken on. And an environment
  that says how long a deferring provider waits for the connection to finalize gives a wait that ends within the
  seven days after which an unfinished connection may be deleted.
  Upstream: docs/DeferringProvider.md#phase-2-handover, schemas/environment.yaml#Environment,
  schemas/connection.yaml#Connection. Readings: ERRATA D21, D25, D51, D56, E11.

  @CC-DEF-005
  Scenario: A deferral of a size the environment does not offer is refused
    Given the kit holds a confirmed activation key from the candidate
    When the kit defers to the candidate a connection of a size its environment does not offer
    Then the candidate refuses to take the deferral on

  @CC-DEF-008
  Scenario: The deferral timeout an environment sets ends within seven days
    Given the environments the candidate publishes to the kit
    Then every deferral timeout an environment sets is at least an hour and at most 168 hours
