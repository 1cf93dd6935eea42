@macsec
Feature: MACsec keys are rotated safely in both directions
  Every channel of an interconnect is encrypted with MACsec under a key (a CAK and its CKN) that one of the two
  providers, the channel's MACsec manager, rotates. The manager hands the new key to the other provider, waits
  until it is live, then deletes the old one. Only one channel of an interconnect rotates at a time, a rotated
  channel rests for two hours, and an active key is never deleted. The kit plays the manager on the channels the
  candidate gives it and the receiver on the candidate's own. Evidence names keys by fingerprint (the first 8 hex
  digits of their SHA-256), never by their material. No test waits out the two hours: it only checks that a second
  rotation inside them is refused.
  Upstream: docs/Protocols.md#macsec-key-rotation, docs/Protocols.md#requesting-a-key-rotation,
  schemas/macseckey.yaml, schemas/channel.yaml, paths/macseckeys.yaml, paths/channels.yaml#RequestMacSecKeyRotation,
  governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#secure-channel-management.
  Readings: ERRATA D16, D30, D31, D46, D47, D48, D49, D64.

  @CC-MS-020 @CC-MS-021 @CC-MS-022 @CC-MS-023
  Scenario: Every channel has a MACsec manager and offers the key operations
    Given the interconnects and channels the candidate publishes to the kit
    Then every channel names the candidate or the kit as its MACsec manager
    And each provider manages half the channels of every interconnect
    And the candidate lets the kit manage some of its channels
    And every channel answers for its MACsec keys

  @CC-MS-010 @CC-MS-002 @CC-MS-016
  Scenario: First keys go onto several channels of an interconnect at once
    Given two channels the kit manages on one interconnect hold no key yet
    When the kit installs a first key on both at once, claiming a start time in 2001 and an inactive state
    Then the candidate accepts both first keys
    And each key starts at the candidate's clock when it accepted the key
    And both keys become active whatever the kit claimed

  @CC-MS-001 @CC-MS-002 @CC-MS-011 @CC-MS-012
  Scenario: The candidate takes a new key from the kit and switches to it
    Given a channel the kit manages holds one key and is free to rotate
    When the kit sends a new key for that channel
    Then the candidate accepts the new key
    And each key starts at the candidate's clock when it accepted the key
    And the new key becomes active and the older key inactive
    And the channel never shows two active keys at once

  @CC-MS-007 @CC-MS-005 @CC-MS-006 @CC-MS-004
  Scenario: While a channel is in rotation the candidate takes no other rotation on its interconnect
    Given a channel the kit manages is in rotation
    When the kit sends a new key to every other channel it manages on that interconnect
    And the kit sends a third key for the channel in rotation
    Then the candidate declines every new key for a channel that already holds one
    And it declines the third key
    And the interconnect holds no more keys than it has channels, plus one
    And every refusal under the rotation rules is a 409 Conflict

  @CC-MS-013 @CC-MS-015
  Scenario: The active key cannot be deleted, the old one can
    Given a channel the kit manages is in rotation, with its new key active
    When the kit deletes the active key
    Then the candidate keeps the active key
    When the kit deletes the old key
    Then the candidate deletes the old key

  @CC-MS-008 @CC-MS-004
  Scenario: A channel rests two hours after a rotation
    Given a channel the kit rotated less than two hours ago
    When the kit sends another new key for that channel
    Then the candidate declines the key inside the bake time
    And every refusal under the rotation rules is a 409 Conflict

  @CC-MS-009
  Scenario: Whether the bake time also holds back the other channels is reported
    Given a channel the kit rotated less than two hours ago
    And another channel the kit manages on that interconnect is free to rotate
    When the kit sends a new key for that other channel
    Then the candidate's reading of the bake time is reported

  @CC-MS-003 @CC-MS-004 @CC-MS-014 @CC-MS-019
  Scenario: The kit can neither add nor delete keys on a channel the candidate manages
    Given a channel the candidate manages
    When the kit sends a new key for that channel, which it does not manage
    And the kit deletes a key of that channel
    Then the candidate declines the key
    And every refusal under the rotation rules is a 409 Conflict
    And it declines the delete
    And whether the kit may read that channel's keys is reported

  @client @CC-MS-024 @CC-MS-030 @CC-MS-031 @CC-MS-032 @CC-MS-026 @CC-MS-025
  Scenario: The candidate rotates a channel it manages
    Given a channel the candidate manages holds a key it installed at the kit
    When the customer asks the candidate to rotate that channel's key
    Then the candidate installs a new key at the kit with CreateMacSecKey
    And every key it sent suits MKA, is fresh and is not low in entropy
    And once the new key is active the candidate removes the old key from the kit
    And it removed the old key only after the kit showed the new key active

  @client @CC-MS-027
  Scenario: The candidate rotates one channel of an interconnect at a time
    Given two channels the candidate manages on one interconnect hold keys it installed at the kit
    When the customer asks the candidate to rotate both at once
    Then the candidate never had two channels of the interconnect in rotation at the kit

  @client @CC-MS-029
  Scenario: The candidate lets a rotated channel rest for two hours
    Given a channel the candidate rotated at the kit less than two hours ago
    When the customer asks the candidate to rotate that channel's key again
    Then the candidate sends the kit no new key for that channel

  @client @CC-MS-028 @CC-MS-035
  Scenario: The candidate never rotates a channel the kit manages
    When the customer asks the candidate to rotate a channel the kit manages
    Then the candidate neither sent nor deleted a key on a channel the kit manages
    And a rotation request the candidate forwards instead reaches the kit

  @client @CC-MS-033
  Scenario: The candidate fails closed when the kit refuses its new key
    Given a channel the candidate manages holds a key it installed at the kit
    And the kit will refuse the next key the candidate sends
    When the customer asks the candidate to rotate that channel's key
    Then the candidate neither falls back to old or empty key material nor deletes the active key

  @CC-MS-017 @CC-MS-018
  Scenario: The candidate rotates a channel it manages when the kit asks
    Given a channel the candidate manages is free to rotate at the kit
    When the kit asks the candidate to rotate it, once without a reason and once with one
    Then the candidate accepts both requests
    And a new key for that channel reaches the kit
