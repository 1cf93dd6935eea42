@lifecycle @client
Feature: A customer's changes reach the other provider
  When the candidate's customer changes the bandwidth of a connection or deletes it, the candidate records the
  change on its side, agrees it with the other provider, tells it once the change is in place and keeps both
  sides consistent; while its own customer's change is under way it refuses a competing change from the other
  provider, and a size its environment does not offer never goes to the other provider at all.
  Upstream: docs/Protocols.md#update-connection-workflow, docs/Protocols.md#delete-connection-workflow,
  paths/connections.yaml#OneConnection. Readings: ERRATA D26, D34, D38, D43, D81.

  Background:
    Given the kit placed a connection on the candidate

  @CC-LC-015 @CC-LC-016 @CC-LC-019
  Scenario: A customer's bandwidth change is agreed with the kit, recorded on the candidate's side first
    Given the kit will look at the candidate's connection when the candidate asks the kit to change it
    When the customer changes the connection's bandwidth at the candidate
    Then the candidate asks the kit to change the bandwidth, naming only the bandwidth in the update mask
    And the candidate had recorded the new bandwidth on its side when it asked
    And once the kit agreed the candidate tells the kit with a notification

  @CC-LC-020
  Scenario: A size the candidate's environment does not offer never reaches the kit
    When the customer asks the candidate for a bandwidth its environment does not offer
    Then the candidate does not ask the kit to change the connection

  @CC-LC-017
  Scenario: A change the kit refuses leaves the candidate's connection as it was
    Given the kit will refuse every change to the connection
    When the customer changes the connection's bandwidth at the candidate
    Then the candidate's connection keeps its previous bandwidth

  @CC-LC-018
  Scenario: A busy kit's conflict is retried, not dropped
    Given the kit will answer the next change to the connection with a conflict
    When the customer changes the connection's bandwidth at the candidate
    Then the candidate asks the kit again after the conflict

  @CC-LC-003
  Scenario: While its customer's change is under way the candidate refuses a competing change
    Given the kit will be slow to answer the candidate's change to the connection
    When the customer changes the connection's bandwidth at the candidate
    And the kit asks the candidate for another bandwidth while the customer's change is under way
    Then the candidate refuses the kit's change as a conflict

  @CC-LC-021 @CC-LC-022
  Scenario: A customer's delete reaches the kit and takes effect on the candidate's side
    When the customer deletes the connection at the candidate
    Then the candidate asks the kit to delete the connection
    And the connection is gone from the candidate's side
