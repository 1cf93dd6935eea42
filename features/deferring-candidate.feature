@deferral @client
Feature: The candidate hands the active role to the kit in an environment that defers
  An environment whose deferConnectionProvisioning is true tells the provider that receives a key there to defer:
  it confirms the key, creates its own connection, and asks the other provider to create one with
  deferProvisioning set; from then on it only answers, while the other provider asks for guidance and proposes the
  features. It notifies once its own side is final and counts the hand-over a success only once the other provider
  has notified too and its connection is verified. Without success within deferralTimeoutHours it asks the other
  provider to delete the connection and then removes its own side. The kit plays the accepting provider.
  A candidate that defers in none of its environments is not judged here: deferral is optional.
  Upstream: docs/DeferringProvider.md#execution-flow, docs/DeferringProvider.md#rollback-and-failure-handling,
  schemas/environment.yaml#Environment, schemas/connection.yaml#Connection. Readings: ERRATA D21, D22, D23, D24, D25, D27.

  Background:
    Given the candidate defers the connections of one of its environments

  @CC-DEF-010 @CC-DEF-011 @CC-DEF-012 @CC-DEF-013 @CC-DEF-014 @CC-DEF-015 @CC-DEF-016
  Scenario: The candidate confirms the key, creates its side, and hands the negotiation to the kit
    Given the kit issued an activation key for that environment to the candidate's customer
    And the kit will look at the candidate's own connection when the candidate asks the kit to create one
    When the customer enters the key for that environment at the candidate
    Then the candidate confirmed the key, created its own connection, and only then asked the kit to create one, deferring provisioning
    When the kit, as the accepting provider, proposes a feature on every channel and holds back its notification
    Then the candidate answered the kit as responder and proposed nothing itself
    And the candidate notified the kit once its features were final, and stays unverified until the kit notifies

  @CC-DEF-017 @CC-DEF-018 @CC-DEF-019
  Scenario: The candidate keeps a finished hand-over and rolls back one that never finished
    Given the run knows how long the candidate's staging waits for a deferred connection
    And the kit issued two activation keys for that environment to the candidate's customer
    And the kit will look at the candidate's own connection when the candidate asks the kit to delete one
    When the customer enters both keys at the candidate
    And the kit finishes the first hand-over and never notifies on the second
    Then the candidate asks the kit to delete the unfinished connection once its deferral timeout has passed
    And it removes its own side of the unfinished connection after asking the kit
    And it keeps the finished connection, verified
