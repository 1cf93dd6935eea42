@security
Feature: Answers never give back the secrets the kit sent
  The kit hands the candidate two kinds of secret: the connectivity association key (CAK) of each MACsec key it
  installs on a channel it manages, and the MD5 password that protects the BGP sessions of a feature. The candidate
  needs them to bring the link up, but has no reason to send them back: an answer that repeats one in plain text
  exposes it to every log and proxy on the way. An answer may leave the secret out or mask it. The kit remembers
  what it sent; its reports name secrets only by fingerprint, and say in which field one came back, never its value.
  Upstream: governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#connection-integrity, schemas/macseckey.yaml#MacSecKey,
  schemas/feature.yaml#L3BaseConfig, paths/macseckeys.yaml, paths/features.yaml. Readings: ERRATA D48.

  @CC-SEC-010
  Scenario: MACsec key answers do not give the CAK back
    Given a channel the kit manages that can take a key now
    When the kit installs a key of its own on that channel
    And the kit reads the key back, alone and in the channel's list
    Then no answer gives back the CAK the kit sent in plain text

  @CC-SEC-011
  Scenario: Feature answers do not give the BGP MD5 password back
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature whose BGP sessions are protected by an MD5 password of its own
    And the kit reads the feature back, alone and in the connection's list
    Then no answer gives back the MD5 password the kit sent in plain text
