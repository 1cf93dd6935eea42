@schema
Feature: Answers have the shape the spec defines
  A reviewer must be able to rely on every answer the candidate gives to the other provider: the kit reads
  every static resource the candidate exposes to it and checks each answer against the encoded spec
  (spec/openapi.yaml), pages through every collection, and probes unknown resources and malformed requests.
  Upstream: schemas/*.yaml, paths/*.yaml; our readings of upstream defects are in spec/ERRATA.md.

  @CC-SCH-001 @CC-SCH-002 @CC-SCH-003 @CC-SCH-011
  Scenario: Every static resource the candidate exposes matches its schema
    When the kit reads every provider, environment, interconnect and channel the candidate exposes
    Then every answer has the types and formats of its operation's schema
    And every enumerated field holds a value the spec defines
    And every field the spec requires is present
    And every resource name follows the documented format

  @CC-SCH-001 @CC-SCH-002 @CC-SCH-003 @CC-SCH-011
  Scenario: A negotiated connection and its features match their schemas
    Given the kit negotiated a connection with a feature on every channel
    When the kit reads the connection and its features back
    Then every answer has the types and formats of its operation's schema
    And every enumerated field holds a value the spec defines
    And every field the spec requires is present
    And every resource name follows the documented format

  @CC-SCH-004 @CC-SCH-005 @CC-SCH-006
  Scenario Outline: Paging through <collection> returns every item exactly once
    Given the candidate holds several <collection>
    When the kit pages through the <collection> <size> at a time
    Then no page holds more items than asked for
    And every item appears exactly once across the pages
    And the last page offers no further page

    Examples:
      | collection    | size |
      | interconnects | 1    |
      | channels      | 3    |
      | connections   | 2    |

  @CC-SCH-007 @CC-SCH-008
  Scenario: Resources that do not exist are reported as not found
    When the kit asks for an environment, an interconnect, a channel, a connection and a feature that do not exist
    Then none of the answers is a success or a server error
    And every answer says the resource was not found

  @CC-SCH-009 @CC-SCH-010
  Scenario: Malformed requests are refused as the caller's mistake
    Given the kit holds a confirmed activation key from the candidate
    When the kit sends a connection request that is not valid JSON
    Then the candidate refuses it as a client error, as CC-SCH-009 requires
    When the kit sends a connection request whose bandwidth is text instead of a number
    Then the candidate refuses it as a client error, as CC-SCH-010 requires

  @CC-SCH-012
  Scenario: A resource read on its own matches its entry in the list
    When the kit reads every listed interconnect and channel on its own
    Then each one matches its entry in the list
