/**
 * A realistic sample report for the report writers' tests: every status, a blocked requirement,
 * exchanges with bodies and reproduce lines, a sequence diagram, both kinds of chart, a table
 * and metrics. Not a test file itself.
 */
import type { Report } from './schema.js';
import { REPORT_FORMAT_VERSION } from './schema.js';

/** Key material planted unredacted in the sample evidence; no written file may contain any of it. */
export const FIXTURE_SECRETS = {
  cak: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  ckn: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  md5BgpPassword: 'Bgp-Md5-Sample-Passw0rd!',
  token: 'eyJhbGciOiJIUzI1NiJ9.sample-bearer-token.sig',
} as const;

const BASE = 'http://127.0.0.1:41234/cc/v1';
const ENV = 'providers/acme/environments/us-east-1';

const CONFIRM_MERMAID = `sequenceDiagram
    participant kit as Kit (aws)
    participant cand as Candidate (acme)
    autonumber
    kit->>cand: POST /activation-keys (hook)
    cand-->>kit: 201 activationKey
    kit->>cand: ConfirmActivationKey
    cand-->>kit: 200 keyValid=true
    Note over kit,cand: connection created with this key
    kit->>cand: ConfirmActivationKey (same key)
    cand-->>kit: 200 keyValid=true
    Note right of cand: a used key must be refused`;

const NOTIFY_MERMAID = `sequenceDiagram
    participant cand as Candidate
    participant peer as Kit peer API
    cand->>peer: GetConnection
    peer-->>cand: 200
    cand->>cand: create features locally
    loop until final
      cand->>peer: GetFeature
    end
    Note left of peer: no NotifyConnectionStatus within 60 s`;

function latencyHistogram(): [number, number][] {
  const counts = [3, 40, 310, 620, 540, 260, 120, 60, 25, 12, 6, 3, 1];
  return counts.map((c, i) => [i * 10, c]);
}

function requestsOverTime(): [number, number][] {
  const start = Date.parse('2026-11-22T10:00:05Z');
  return Array.from({ length: 30 }, (_, i) => [start + i * 1000, 60 + Math.round(10 * Math.sin(i / 3))]);
}

/** A fresh sample report (a new object on every call, so tests may mutate it). */
export function sampleReport(): Report {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kit: { name: 'interconnect-ctk', version: '1.0.0', spec: '3f2a9c1 (upstream main)' },
    candidate: { baseUrl: BASE, providerId: 'acme', hooksUrl: 'http://127.0.0.1:41234/ctk-hooks' },
    run: { tags: 'not @slow', reference: true, fault: 'reuse-key', node: 'v20.20.0', platform: 'linux-x64' },
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:00:42.500Z',
    verdict: 'NOT_CERTIFIED',
    verdictReason: '2 MUST requirements failed and 2 MUST requirements were skipped.',
    preflight: [
      { check: 'candidate reachable', ok: true, detail: `GET ${BASE}/providers/acme answered 200 in 4 ms` },
      { check: 'hook POST /macsec-rotations', ok: false, detail: 'answered 404: hook absent' },
    ],
    requirements: [
      {
        id: 'CC-SCH-001', level: 'MUST', category: 'schema', actor: 'server',
        title: 'Every read or list response validates against its schema', source: 'schemas/connection.yaml',
        status: 'passed', scenarios: ['Reads validate against the spec'],
        evidence: [{
          kind: 'exchange', seq: 1, direction: 'kit', operation: 'ListEnvironments', method: 'GET',
          url: `${BASE}/providers/aws/environments`, status: 200, durationMs: 3.2, startedAt: '2026-11-22T10:00:01.000Z',
          responseBody: { environments: [{ name: ENV }] },
        }],
      },
      {
        id: 'CC-SCH-008', level: 'SHOULD', category: 'schema', actor: 'server',
        title: 'A request for a missing resource is answered 404', source: 'docs/ConnectionCoordinatorAPI.md#errors',
        status: 'failed', scenarios: ['Unknown resources are not found'],
        evidence: [
          { kind: 'expectation', expected: 'HTTP 404', received: 'HTTP 400', location: 'features/schema.feature:41' },
          {
            kind: 'exchange', seq: 7, direction: 'kit', operation: 'GetConnection', method: 'GET',
            url: `${BASE}/${ENV}/interconnects/ic-1/connections/00000000-0000-4000-8000-000000000000`,
            status: 400, durationMs: 2.5, startedAt: '2026-11-22T10:00:03.000Z',
            responseBody: { message: 'bad id' },
            reproduce: `curl -sS -X GET '${BASE}/${ENV}/interconnects/ic-1/connections/00000000-0000-4000-8000-000000000000'`,
          },
        ],
      },
      {
        id: 'CC-AK-003', level: 'MUST', category: 'activation-key', actor: 'server',
        title: 'A key already used for a connection is not confirmed again', source: 'docs/Protocols.md#establish-customer-intent',
        status: 'failed', scenarios: ['A used activation key is refused'],
        evidence: [
          { kind: 'expectation', expected: 'keyValid = false', received: 'keyValid = true' },
          {
            kind: 'exchange', seq: 12, direction: 'kit', operation: 'ConfirmActivationKey', method: 'POST',
            url: `${BASE}/${ENV}:confirmActivationKey`, status: 200, durationMs: 5.9, startedAt: '2026-11-22T10:00:10.000Z',
            requestBody: { encodedKey: 'eyJlbnZpcm9ubWVudCI6InVzLWVhc3QtMSJ9' },
            responseBody: { keyValid: true, filler: 'x'.repeat(5000) },
            reproduce: `curl -sS -X POST '${BASE}/${ENV}:confirmActivationKey' -H 'content-type: application/json' -d '{"encodedKey":"eyJlbnZpcm9ubWVudCI6InVzLWVhc3QtMSJ9"}'`,
          },
          { kind: 'sequence', title: 'Confirming a used key', mermaid: CONFIRM_MERMAID },
        ],
      },
      {
        id: 'CC-AK-010', level: 'MAY', category: 'activation-key', actor: 'server',
        title: 'The deprecated key field is still understood', source: 'schemas/environment.yaml#ConfirmActivationKeyRequest',
        status: 'passed', interpretation: 'ERRATA E07: encodedKey preferred, key accepted', scenarios: [], evidence: [],
      },
      {
        id: 'CC-NEG-013', level: 'MUST', category: 'negotiation', actor: 'client',
        title: 'The responder notifies the peer once its features are final', source: 'docs/Protocols.md#notify-connection-status',
        status: 'failed', scenarios: ['The candidate notifies when its features are final'],
        evidence: [
          { kind: 'expectation', expected: 'NotifyConnectionStatus within 60 s of features final', received: 'no call in 60 s' },
          { kind: 'note', text: 'Features reached PROVISIONING_STATE_FINAL at 10:00:20Z.' },
        ],
      },
      {
        id: 'CC-NEG-014', level: 'MUST', category: 'negotiation', actor: 'server',
        title: 'A connection becomes VERIFIED only after final features and notifications', source: 'docs/Protocols.md#verification',
        status: 'skipped', blockedBy: 'CC-NEG-013', scenarios: [], evidence: [],
      },
      {
        id: 'CC-LC-003', level: 'MUST', category: 'lifecycle', actor: 'server',
        title: 'A remote update during a customer update is refused with 409', source: 'docs/Protocols.md#update-connection',
        status: 'skipped', reason: 'not yet covered', scenarios: [], evidence: [],
      },
      {
        id: 'CC-MS-010', level: 'MUST', category: 'macsec', actor: 'client',
        title: 'The manager installs a fresh key on the peer before deleting the old one', source: 'docs/Protocols.md#macsec-key-rotation',
        status: 'skipped', reason: 'hook absent: POST /macsec-rotations answered 404', scenarios: [],
        evidence: [{
          kind: 'exchange', seq: 20, direction: 'candidate', operation: 'CreateMacSecKey', method: 'POST',
          url: 'http://127.0.0.1:45678/providers/aws/environments/us-east-1/interconnects/ic-1/channels/ch-1/macSecKeys',
          status: 201, durationMs: 1.1, startedAt: '2026-11-22T10:00:30.000Z',
          requestBody: { keys: [{ cak: FIXTURE_SECRETS.cak, ckn: FIXTURE_SECRETS.ckn }], authorization: `Bearer ${FIXTURE_SECRETS.token}` },
        }],
      },
      {
        id: 'CC-RES-002', level: 'MUST', category: 'resiliency', actor: 'implementer',
        title: 'Every channel of an interconnect is on a distinct device', source: 'docs/Protocols.md#resiliency',
        status: 'passed', severity: 'blocker', scenarios: ['Channels are spread over devices'],
        evidence: [{
          kind: 'table', title: 'Channels of ic-1', columns: ['channel', 'obfuscatedDeviceId', 'demarc'],
          rows: [['ch-1', 'dev-a', 'IAD55'], ['ch-2', 'dev-b', 'IAD55'], ['ch-3', 'dev-c', 'IAD89'], ['ch-4', 'dev-d', 'IAD89']],
        }],
      },
      {
        id: 'CC-SEC-001', level: 'MUST', category: 'security', actor: 'implementer',
        title: 'Provider-to-provider traffic uses TLS 1.3 or newer', source: 'governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#transport',
        status: 'not-applicable', reason: 'plain http on loopback: transport security was not assessed', scenarios: [], evidence: [],
      },
      {
        id: 'CC-SLA-002', level: 'MUST', category: 'sla', actor: 'server',
        title: 'Control-plane p99 latency stays within the threshold', source: 'seeds/sla#control-plane',
        status: 'passed', scenarios: ['Control-plane latency under load'],
        evidence: [
          { kind: 'metric', name: 'p99 latency', unit: 'ms', measured: 87.25, threshold: 1000, comparison: '<=' },
          { kind: 'metric', name: 'availability', unit: '', measured: 0.99995, threshold: 0.999, comparison: '>=' },
          { kind: 'chart', title: 'Latency histogram', chart: 'histogram', xLabel: 'latency (ms)', yLabel: 'requests', points: latencyHistogram() },
          { kind: 'chart', title: 'Requests over time', chart: 'timeseries', xLabel: 'time (UTC)', yLabel: 'requests/s', points: requestsOverTime() },
        ],
      },
    ],
    scenarios: [
      { name: 'A used activation key is refused', feature: 'activation-key.feature', status: 'failed', requirements: ['CC-AK-003'], message: 'expected keyValid false' },
      { name: 'Reads validate against the spec', feature: 'schema.feature', status: 'passed', requirements: ['CC-SCH-001'] },
    ],
    sequences: [
      { kind: 'sequence', title: 'Candidate as responder: features to notification', mermaid: NOTIFY_MERMAID, requirements: ['CC-NEG-013'] },
      { kind: 'sequence', title: 'Confirming a used key', mermaid: CONFIRM_MERMAID, requirements: ['CC-AK-003'] },
    ],
    summary: { passed: 4, failed: 3, skipped: 3, notApplicable: 1, mustFailed: 2, mustSkipped: 3, notYetCovered: 1 },
  };
}
