@schema
Feature: Names, references and requests follow the rules of the whole API
  Beyond the shape of each answer, the spec fixes whose provider id roots the names a server returns, how one
  resource refers to another, which facts static resources publish (capacity among them, for planning), that
  create and update requests need a body and an id, which status a success carries, that ASNs are 4-byte numbers,
  and that every operation of the API is there.
  Upstream: schemas/provider.yaml, schemas/channel.yaml, schemas/environment.yaml, schemas/interconnect.yaml,
  schemas/feature.yaml#ProviderBgpConfig, paths/*.yaml, governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md
  (#resource-management, #specification-compliance).
  Readings: ERRATA D01, D04, D05, D06, D07, D15, D16, D18, D20, D56, D69, D72, E09.

  @CC-SCH-013 @CC-SCH-017
  Scenario: Names and references the candidate returns follow the documented formats
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    And the kit filed an issue
    When the kit reads every provider, environment, interconnect and channel the candidate exposes
    Then every name returned for a resource the kit created is rooted at the kit's provider id
    And every reference to another resource uses that resource's name format

  @CC-SCH-014
  Scenario: The candidate's own provider resource can be read
    When the kit reads the candidate's own provider resource
    Then the candidate answers with its own provider resource

  @CC-SCH-016 @CC-SCH-021 @CC-SCH-026 @CC-SCH-022
  Scenario: Providers, environments and interconnects publish what the spec asks for
    When the kit reads every provider, environment, interconnect and channel the candidate exposes
    Then the providers are listed as provider objects
    And every environment and interconnect supports the L3 base feature
    And no list of connection sizes or feature types repeats a value
    And every environment and interconnect publishes its connection sizes, and every interconnect its capacity

  @CC-SCH-018
  Scenario: Requests that create or change something are refused without a body
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    When the kit sends a connection, an update, a feature and an issue request without a body
    Then the candidate refuses each of them as a client error, as CC-SCH-018 requires

  @CC-SCH-019
  Scenario: Create requests without the id of the new resource are refused
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    When the kit sends a connection, a feature and an issue creation without the new resource's id
    Then the candidate refuses each of them as a client error, as CC-SCH-019 requires

  @CC-SCH-020 @CC-SCH-023 @CC-SCH-025
  Scenario: Successes are answered 200, and channels and connections report their state and bandwidth
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    When the kit reads the channels and the connection, keeps the connection's bandwidth as it is, and files, comments on and closes an issue
    Then every successful answer is a 200
    And every channel and connection reports its administrative state
    And every connection the candidate returns reports its bandwidth

  @CC-SCH-024
  Scenario: A 4-byte ASN is taken and returned unchanged
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    When the kit proposes a feature in which its own ASN is 4200000000
    Then the candidate accepts the feature and returns that ASN unchanged

  @CC-SCH-015
  Scenario: Every operation of the API is there
    Given the kit holds a confirmed activation key from the candidate
    And the kit placed the connection on the interconnect with the most room
    And the candidate accepted a feature on the first channel
    When the kit calls every operation of the API once, on resources that exist
    Then no operation answers as if it were missing
