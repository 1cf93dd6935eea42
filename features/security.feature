@security
Feature: Providers talk to each other only over TLS 1.3
  The governance policy asks for at least TLS 1.3 on every API call between providers. The kit opens a TLS
  connection to the candidate's API the way its own client does (configured CA bundle and mTLS client
  certificate), records the protocol and cipher negotiated, and fails anything below TLS 1.3. A plain http target
  is tolerated only on loopback, for local development, and then the report says plainly that transport security
  was not assessed. The customer-action hooks are a staging aid, not an API between providers, and are not judged.
  Upstream: governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#mandatory-encryption. Readings: ERRATA D03, D10.

  @CC-SEC-001
  Scenario: The candidate's API is served over TLS 1.3 or newer
    Then the kit finds the candidate's API encrypted with TLS 1.3 or newer

  @CC-SEC-002
  Scenario: The candidate calls the kit over TLS 1.3 or newer
    Then the kit finds the candidate's calls to the kit encrypted with TLS 1.3 or newer
