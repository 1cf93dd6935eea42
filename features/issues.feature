@issues
Feature: The candidate takes the issues the other provider files
  The kit files issues on the candidate as the other provider would when something on a shared connection goes
  wrong: it files them with and without context, reads them back, lists them, comments on them and closes them.
  Every issue the kit files is titled "[interconnect-ctk]" and has an id of its own, so runs against a shared
  staging server never collide; the listing scenarios keep at least 51 of the kit's issues, and 51 comments on
  one of them, to observe the default page size.
  Upstream: paths/issues.yaml, schemas/issues.yaml. Readings: ERRATA D04, D05, D18, D66, D67.

  @CC-ISS-001 @CC-ISS-004 @CC-ISS-005 @CC-ISS-010
  Scenario: A filed issue is open, timestamped and read back as filed
    When the kit files an issue with a title, a body and a priority
    Then the candidate accepts the issue under the id the kit chose
    And the issue starts open
    And the issue carries a creation time set by the candidate
    And reading the issue back returns it as it was filed

  @CC-ISS-002
  Scenario Outline: An issue without its <part> is refused
    When the kit files an issue without its <part>
    Then the candidate refuses the issue, as CC-ISS-002 requires

    Examples:
      | part  |
      | title |
      | body  |

  @CC-ISS-003
  Scenario: Fields only the candidate may set are ignored when filing
    When the kit files an issue claiming it is already closed, years old and numbered
    Then the candidate keeps its own state, creation time and local id for the issue

  @CC-ISS-006 @CC-ISS-007
  Scenario: Issues citing the kit's connection, interconnect, channel and feature are accepted
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    When the kit files one issue citing each kind of resource
    Then the candidate accepts every issue with context
    When the kit files a connection issue and an interconnect issue, each with the context it needs
    Then the candidate accepts both preset issue types

  @CC-ISS-008
  Scenario: A connection issue that cites no connection is accepted or refused cleanly
    When the kit files a connection issue that cites no connection
    Then the candidate either accepts it or refuses it as the caller's mistake

  @CC-ISS-009
  Scenario: A context that names no resource is refused
    When the kit files an issue citing a connection without naming it
    Then the candidate refuses the issue, as CC-ISS-009 requires

  @CC-ISS-011 @CC-ISS-012 @CC-ISS-013
  Scenario: The list of issues holds the kit's issues and keeps to its page limits
    Given the candidate holds more than 50 issues the kit filed
    When the kit lists the issues
    Then every issue the kit filed in this scenario is listed
    And without a page size at most 50 issues come back
    And a page size above 1000 is served with at most 1000 issues

  @CC-ISS-014 @CC-ISS-018
  Scenario: A comment is added and timestamped
    Given the kit filed an issue
    When the kit comments on the issue
    Then the candidate returns the comment it added
    And the comment carries a creation time set by the candidate

  @CC-ISS-015
  Scenario Outline: A comment request without <part> is refused
    Given the kit filed an issue
    When the kit adds a comment without <part>
    Then the candidate refuses the comment

    Examples:
      | part         |
      | a comment    |
      | comment text |

  @CC-ISS-016 @CC-ISS-017
  Scenario: Comments are listed newest first and within the page limits
    Given the kit filed an issue and commented on it 51 times
    When the kit lists the comments on the issue
    Then the newest comment comes first
    And without a page size at most 50 comments come back, and a page size above 1000 is served with at most 1000

  @CC-ISS-019
  Scenario: A closed issue stays closed
    Given the kit filed an issue
    When the kit closes the issue
    Then the candidate answers with the issue closed
    And reading the issue back shows it closed

  @CC-ISS-020
  Scenario: An issue id already in use is refused
    Given the kit filed an issue
    When the kit files another issue under the same id
    Then the candidate refuses the issue, as CC-ISS-020 requires

  @CC-ISS-021
  Scenario Outline: An issue whose <field> is not one the spec defines is refused
    When the kit files an issue whose <field> is not one the spec defines
    Then the candidate refuses the issue, as CC-ISS-021 requires

    Examples:
      | field      |
      | priority   |
      | issue type |
