@negotiation
Feature: The candidate answers a negotiation as responder
  The kit plays the provider that received the customer's key: it places the connection on an interconnect,
  asks for guidance, proposes one L3 feature per channel and expects the candidate to accept what follows
  the guidance, refuse what does not, provision, notify, and verify only once both sides have notified. Having
  issued the key, the candidate only answers: without a deferral it never places, guides or proposes itself.
  Upstream: docs/Protocols.md#negotiate-feature-parameters, docs/Protocols.md#provision-appropriate-features,
  paths/connections.yaml, paths/features.yaml, schemas/connection.yaml#FeatureGuidance. Readings: ERRATA D24, D26,
  D27, D32, D33, D40, D41, D44, D52.

  Background:
    Given the kit holds a confirmed activation key from the candidate

  @CC-NEG-001
  Scenario: A connection is placed on the interconnect with the most room
    When the kit places the connection on the interconnect with the most room
    Then the candidate accepts the connection under that interconnect

  @CC-NEG-002
  Scenario: A connection the interconnect cannot fit is refused
    Given the kit filled an interconnect with connections up to its capacity
    When the kit places the connection on that full interconnect
    Then the candidate refuses it for lack of room

  @CC-NEG-003
  Scenario: A connection id that already exists on the interconnect is refused
    Given the kit placed the connection on the interconnect with the most room
    When the kit places the same connection on the same interconnect again
    Then the candidate refuses it as a conflict

  @CC-NEG-004
  Scenario: Guidance covers every channel of the interconnect
    Given the kit placed the connection on the interconnect with the most room
    When the kit asks the candidate for feature guidance
    Then there is one guidance entry for every channel of the interconnect

  @CC-NEG-005
  Scenario: Features that follow the guidance are accepted
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature that follows the guidance on every channel
    Then the candidate accepts every proposal

  Scenario Outline: A feature with <violation> is refused
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature with <violation>
    Then the candidate refuses the proposal, as <requirement> requires

    @CC-NEG-006
    Examples: VLAN rules
      | violation                      | requirement |
      | a reserved VLAN                | CC-NEG-006  |
      | a VLAN outside the guided ones | CC-NEG-006  |

    @CC-NEG-007
    Examples: subnet rules
      | violation                        | requirement |
      | a subnet outside the include one | CC-NEG-007  |
      | a subnet inside an excluded one  | CC-NEG-007  |

    @CC-NEG-008
    Examples: prefix rules
      | violation                   | requirement |
      | a prefix length not allowed | CC-NEG-008  |

    @CC-NEG-009
    Examples: MTU rules
      | violation                       | requirement |
      | an MTU outside the guided range | CC-NEG-009  |

  @CC-NEG-010
  Scenario: A subnet already in use is refused
    Given the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    When the kit proposes a feature on the second channel with the subnet of the first
    Then the candidate refuses the proposal, as CC-NEG-010 requires

  @CC-NEG-011
  Scenario: A second L3 feature on the same channel is refused
    Given the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    When the kit proposes another feature on the first channel
    Then the candidate refuses the proposal, as CC-NEG-011 requires

  @CC-NEG-012 @CC-NEG-013 @CC-NEG-014 @CC-NEG-016 @CC-NEG-040
  Scenario: A fully negotiated connection is provisioned, notified and verified
    Given the kit negotiated a connection with a feature on every channel
    When the kit waits for the candidate to provision
    Then every feature reaches the final provisioning state
    And the candidate notifies the kit that the connection changed
    And the connection is not verified before the kit has notified
    When the kit notifies the candidate that its side is ready
    Then the candidate reads the connection back from the kit
    And the connection becomes verified
    And the candidate never negotiated the connection itself

  @CC-NEG-015
  Scenario: Three features of four make a connection ready
    Given the kit negotiated a connection with a feature on all but one channel
    When the kit waits for the candidate to provision
    Then every feature reaches the final provisioning state
    And the candidate notifies the kit that the connection is ready, as CC-NEG-015 requires
    When the kit notifies the candidate that its side is ready
    Then the connection becomes verified, as CC-NEG-015 requires
