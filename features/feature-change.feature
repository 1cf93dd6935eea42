@lifecycle
Feature: Changes to an established connection's features
  Once a connection is verified, a change to its features takes them back to pending until they are provisioned
  again. The provider whose features changed tells the other provider twice: when the features go back to
  pending, and again once they are final, so that the other side re-reads the connection each time. The kit counts
  the notifications that follow; it cannot see when the candidate's feature actually turned final, only when it
  reads it so. When a feature is deleted, the owner of its channel re-creates it so that the connection comes
  back to one feature per channel; no field names the owner, so the kit takes the channel's MACsec manager.
  The kit plays the provider that negotiated the connection.
  Upstream: paths/connections.yaml#NotifyConnectionStatus, docs/Protocols.md#provision-appropriate-features,
  docs/Protocols.md#delete-feature. Readings: ERRATA D26, D40, D41, D60, D82.

  @CC-LC-031
  Scenario: A feature added to a verified connection is announced while pending and again once final
    Given the candidate verified a connection the kit negotiated with features on all but one channel
    When the kit proposes a feature on the remaining channel
    Then the candidate notifies the kit that the features changed, and again once they are final

  @CC-LC-024 @client
  Scenario: A feature the kit removes from a channel the candidate manages is re-created by the candidate
    Given the kit negotiated a connection with a feature on every channel
    When the kit removes the feature of a channel the candidate manages
    Then the candidate proposes a new feature on that channel to the kit
