@negotiation
Feature: The candidate holds every proposal to the rules of the negotiation
  Beyond following the guidance, a responder must keep what it accepts exactly as proposed, refuse proposals
  that are incomplete, reuse an id or name a channel it does not have, leave nothing behind when it refuses,
  reserve subnets and bandwidth one request at a time, and take the other provider's notification whenever it
  comes. The kit plays the provider that received the customer's key, as in negotiation.feature.
  Upstream: docs/Protocols.md#negotiate-feature-parameters, docs/Protocols.md#customer-connection-workflow,
  paths/connections.yaml, paths/features.yaml, schemas/feature.yaml, schemas/connection.yaml#FeatureGuidance.
  Readings: ERRATA D01, D06, D17, D26, D32, D33, D42, D44, D48, D52, D54, D55, D67.

  Background:
    Given the kit holds a confirmed activation key from the candidate

  @CC-NEG-017
  Scenario: Two proposals for the same subnet sent at the same moment do not both win
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes the same subnet on two channels at the same moment
    Then the candidate accepts at most one of the two proposals

  @CC-NEG-018
  Scenario: A feature id already in use on the connection is refused
    Given the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    When the kit proposes a valid feature on the second channel under the first feature's id
    Then the candidate refuses it as a client error, as CC-NEG-018 requires

  @CC-NEG-019
  Scenario: A provisioning state sent with a proposal does not decide the feature's state
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes one feature claiming it is already provisioned and another that claims nothing
    Then the claimed state does not make the new feature more provisioned than the other

  @CC-NEG-020
  Scenario: A proposal for a channel the connection's interconnect does not have is refused
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature on a channel that is not on the connection's interconnect
    Then the candidate refuses it as a client error, as CC-NEG-020 requires

  @CC-NEG-021
  Scenario Outline: A proposal without its <field> is refused
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature without its <field>
    Then the candidate refuses it as a client error, as CC-NEG-021 requires

    Examples:
      | field                  |
      | IPv4 subnet            |
      | IPv4 prefix length     |
      | MTU                    |
      | VLAN                   |
      | BGP configurations     |
      | channel                |

  @CC-NEG-022
  Scenario: A proposal giving the candidate an ASN outside its guided ranges is refused
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature giving the candidate an ASN outside its guided ranges
    Then the candidate refuses it as a client error, as CC-NEG-022 requires

  @CC-NEG-023
  Scenario: A subnet written with host bits set is refused
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature whose subnet address has host bits set
    Then the candidate refuses it as a client error, as CC-NEG-023 requires

  @CC-NEG-024 @CC-NEG-025 @CC-NEG-026
  Scenario: The guidance is well formed
    Given the kit placed the connection on the interconnect with the most room
    When the kit asks the candidate for feature guidance
    Then every guided VLAN range lies within 1025 to 4094
    And no two ranges or include subnets of one guidance list overlap
    And subnet exclusions are listed under excludeSubnets

  @CC-NEG-027
  Scenario: Guidance is given for a request with no body and no parameters
    Given the kit placed the connection on the interconnect with the most room
    When the kit asks for feature guidance sending no body at all
    Then the candidate answers with feature guidance

  @CC-NEG-028
  Scenario: A notification with an empty body is accepted before any feature exists
    Given the kit placed the connection on the interconnect with the most room
    When the kit notifies the candidate with an empty body
    Then the candidate accepts the notification

  @CC-NEG-029
  Scenario: An accepted feature is kept exactly as proposed
    Given the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    When the kit reads the feature back
    Then it holds the VLAN, subnets, MTU and BGP settings the kit proposed

  @CC-NEG-030
  Scenario: A refused proposal leaves nothing behind
    Given the kit placed the connection on the interconnect with the most room
    And the candidate refused a proposal on the first channel for its MTU
    When the kit proposes the refused VLAN and subnet again with a valid MTU under another id
    Then nothing of the refused proposal remains and the new proposal is accepted

  @CC-NEG-031
  Scenario: Created resources take the id given in the query, whatever name the body holds
    When the kit places the connection and proposes a feature, each with another name in its body
    Then the connection and the feature are named after the ids in the query

  @CC-NEG-033
  Scenario: A connection of a size the interconnect does not offer is refused
    When the kit places the connection with a bandwidth the interconnect does not offer
    Then the candidate refuses it as a client error, as CC-NEG-033 requires

  @CC-NEG-034
  Scenario: Connections placed at the same moment never overfill an interconnect
    When the kit places more connections than the interconnect with the most room can hold, all at the same moment
    Then the connections the candidate accepted fit within the interconnect's capacity

  @CC-NEG-036
  Scenario: The kit's notification crossing the candidate's own still counts
    Given the kit placed the connection on the interconnect with the most room
    And the kit will notify the candidate as soon as the candidate's notification reaches it, before answering it
    And the candidate accepted a feature on every channel
    When the kit waits for the candidate to provision
    Then every feature reaches the final provisioning state
    And the kit's notification reached the candidate while the candidate's own was unanswered
    And the connection becomes verified, as CC-NEG-036 requires

  @CC-NEG-037
  Scenario: A feature with an IPv6 subnet inside the IPv6 guidance is accepted
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature that adds an IPv6 subnet and host addresses inside the candidate's IPv6 guidance
    Then the candidate accepts the proposal, as CC-NEG-037 requires

  @CC-NEG-038
  Scenario: A feature carrying an MD5 BGP password is accepted
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature that carries an MD5 BGP password
    Then the candidate accepts the proposal, as CC-NEG-038 requires

  @CC-NEG-067
  Scenario: A proposal that passes over the preferred subnet is accepted
    Given the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature whose subnet lies inside the guidance but is not the preferred one
    Then the candidate accepts the proposal, as CC-NEG-067 requires
