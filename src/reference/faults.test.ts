import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeActivationKey, evaluatePageWalk, tamperActivationKey } from '../checks/index.js';
import { SERVER_FAULT_NAMES } from '../server/index.js';
import { FAULTS, listFaults, type FaultName } from './faults.js';
import { CLIENT_FAULTS } from './faults-client.js';
import { COVERAGE_FAULTS } from './faults-coverage.js';
import { MACSEC_MAINTENANCE_FAULTS } from './faults-macsec.js';
import { RESILIENCY_FAULTS } from './faults-resiliency.js';
import { RULE_FAULTS } from './faults-rules.js';
import { SLA_FAULTS } from './faults-sla.js';
import { createReferencePartner, type ReferencePartner } from './partner.js';
import { AUTH_FAULTS } from './auth.js';
import { DEFERRING_FAULTS } from './deferring.js';
import { RETRY_FAULTS } from './faults-retry.js';
import { api, ENV, eventually, fakePeer, hook, ix, referenceFeature, type FakePeer } from './fixture.test-support.js';

/** What a probe may use: a partner whose peer is a fake recording calls. */
interface Probe {
  readonly p: ReferencePartner;
  readonly peer: FakePeer;
  /** A unique id per probe, for connection ids, subnets (169.254.n.0/30) and VLANs. */
  readonly n: number;
}

const conn = (id: string, i = 'ix1'): string => `${ix(i)}/connections/${id}`;

async function key(p: ReferencePartner): Promise<{ text: string; uuid: string }> {
  const text = String((await hook(p, 'POST', '/activation-keys', { environment: 'aws-ref-us-east', bandwidthMbps: 50, remoteAccountId: 'acct' })).body['activationKey']);
  const d = decodeActivationKey(text);
  const uuid = d.ok ? d.key.sharedConnectionUuid : String((JSON.parse(text) as { sharedConnectionUuid?: string }).sharedConnectionUuid);
  return { text, uuid };
}

async function confirm(p: ReferencePartner, body: unknown, env = ENV): Promise<string> {
  const r = await api(p, 'POST', `${env}/ConfirmActivationKey`, body);
  return r.status === 200 ? String(r.body['keyValid']) : String(r.status);
}

async function connection(x: Probe, id = `c${x.n}`, i = 'ix1'): Promise<string> {
  await api(x.p, 'POST', `${ix(i)}/connections?connectionId=${id}`, { bandwidthMbps: 50 });
  return conn(id, i);
}

async function featureStatus(x: Probe, override: Record<string, unknown>): Promise<string> {
  const c = await connection(x);
  return String((await api(x.p, 'POST', `${c}/features?featureId=f`, referenceFeature('channel1', x.n, override))).status);
}

async function walk(p: ReferencePartner): Promise<string> {
  const pages: { items: string[]; nextPageToken?: string }[] = [];
  let token: string | undefined;
  do {
    const r = await api(p, 'GET', `${ix()}/channels?pageSize=2${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    token = typeof r.body['nextPageToken'] === 'string' ? r.body['nextPageToken'] : undefined;
    pages.push({ items: (r.body['channels'] as { name: string }[]).map((c) => c.name), ...(token ? { nextPageToken: token } : {}) });
  } while (token && pages.length < 10);
  return [...new Set(evaluatePageWalk({ pages, pageSize: 2 }).map((f) => f.kind))].join(',');
}

async function finalFeatures(x: Probe, count: number): Promise<string> {
  const c = await connection(x);
  for (let k = 1; k <= count; k += 1) await api(x.p, 'POST', `${c}/features?featureId=f${k}`, referenceFeature(`channel${k}`, x.n * 4 + k));
  await eventually(async () => ((await api(x.p, 'GET', `${c}/features`)).body['features'] as { provisioningState: string }[]).every((f) => f.provisioningState === 'PROVISIONING_STATE_FINAL'), 1500, 20);
  return c;
}

function peerSaw(x: Probe, call: string): Promise<string> {
  return eventually(() => x.peer.calls.includes(call.replace('/providers/aws/', '/providers/refcloud/')), 1500).then(String);
}

async function notified(x: Probe, c: string): Promise<string> {
  return peerSaw(x, `POST ${c}/NotifyConnectionStatus`);
}

/**
 * The faults of the first catalogue; the rule faults are probed in faults-rules.test.ts, the SLA faults in
 * faults-sla.test.ts, and the MACsec, maintenance, client, resiliency and coverage faults by their fault tables (test/faults-*.test.ts).
 */
const LATER = { ...RULE_FAULTS, ...MACSEC_MAINTENANCE_FAULTS, ...SLA_FAULTS, ...CLIENT_FAULTS, ...RESILIENCY_FAULTS, ...AUTH_FAULTS, ...DEFERRING_FAULTS, ...RETRY_FAULTS, ...COVERAGE_FAULTS };
type CoreFault = Exclude<FaultName, keyof typeof LATER>;

/** One probe per fault: an observable signature that the fault changes. */
const PROBES: Readonly<Record<CoreFault, (x: Probe) => Promise<string>>> = {
  'bad-enum-value': async ({ p }) => String((await api(p, 'GET', ENV)).body['environmentVisibility']),
  'wrong-type': async ({ p }) => typeof (await api(p, 'GET', `${ix()}/channels/channel1`)).body['aggregateChannelSizeGbps'],
  'missing-required-field': async (x) => {
    const c = await connection(x);
    await api(x.p, 'POST', `${c}/features?featureId=f`, referenceFeature('channel1', x.n));
    return String('channel' in (await api(x.p, 'GET', `${c}/features/f`)).body);
  },
  'page-size-ignored': async ({ p }) => String(((await api(p, 'GET', `${ix()}/channels?pageSize=2`)).body['channels'] as unknown[]).length),
  'page-duplicates': async ({ p }) => (await walk(p)).includes('duplicate-item') ? 'duplicates' : 'clean',
  'token-on-last-page': async ({ p }) => (await walk(p)).includes('token-on-last-page') ? 'token' : 'clean',
  'unknown-resource-200': async ({ p }) => String((await api(p, 'GET', `${ENV}/interconnects/nope`)).status),
  'unknown-resource-400': async ({ p }) => String((await api(p, 'GET', `${ix()}/connections/never-existed`)).status),
  'malformed-json-500': async (x) => String((await api(x.p, 'POST', `${ix()}/connections?connectionId=m${x.n}`, undefined, '{"bandwidthMbps":')).status),
  'wrong-type-500': async (x) => String((await api(x.p, 'POST', `${ix()}/connections?connectionId=w${x.n}`, { bandwidthMbps: 'fifty' })).status),
  'bad-resource-name': async (x) => String(String((await api(x.p, 'GET', await connection(x))).body['name']).startsWith('providers/')),
  'list-get-mismatch': async ({ p }) => {
    const listed = ((await api(p, 'GET', `${ix()}/channels`)).body['channels'] as { demarc: string }[])[0]?.demarc;
    return String(listed === (await api(p, 'GET', `${ix()}/channels/channel1`)).body['demarc']);
  },
  'issue-any-bandwidth': async ({ p }) => String((await hook(p, 'POST', '/activation-keys', { environment: 'aws-ref-us-east', bandwidthMbps: 123, remoteAccountId: 'a' })).status),
  'confirm-rejects-genuine': async ({ p }) => {
    const k = await key(p);
    return `${await confirm(p, { encodedKey: k.text })},${await confirm(p, { encodedKey: k.text })}`;
  },
  'confirm-reused': async ({ p }) => {
    const k = await key(p);
    await api(p, 'POST', `${ix()}/connections?connectionId=${k.uuid}`, { bandwidthMbps: 50, activationKey: k.text });
    return confirm(p, { encodedKey: k.text });
  },
  'confirm-tampered': async ({ p }) => {
    const t = tamperActivationKey((await key(p)).text, 'destinationAccountId');
    return confirm(p, { encodedKey: t.ok ? t.text : '' });
  },
  'confirm-deleted': async ({ p }) => {
    const k = await key(p);
    await api(p, 'POST', `${ix()}/connections?connectionId=${k.uuid}`, { bandwidthMbps: 50 });
    await api(p, 'DELETE', conn(k.uuid));
    return confirm(p, { encodedKey: k.text });
  },
  'confirm-any-environment': async ({ p }) => confirm(p, { encodedKey: (await key(p)).text }, '/providers/aws/environments/elsewhere'),
  'confirm-garbage-500': async ({ p }) => confirm(p, { encodedKey: '%%% not a key %%%' }),
  'confirm-only-deprecated-key': async ({ p }) => confirm(p, { encodedKey: (await key(p)).text }),
  'non-base64-key': async ({ p }) => String(decodeActivationKey((await key(p)).text).ok),
  'no-capacity-check': async ({ p }) => {
    await api(p, 'POST', `${ix('ix2')}/connections?connectionId=big`, { bandwidthMbps: 10000 });
    return String((await api(p, 'POST', `${ix('ix2')}/connections?connectionId=extra`, { bandwidthMbps: 50 })).status);
  },
  'duplicate-connection-accepted': async (x) => {
    await connection(x, `d${x.n}`);
    return String((await api(x.p, 'POST', `${ix()}/connections?connectionId=d${x.n}`, { bandwidthMbps: 50 })).status);
  },
  'guidance-missing-channel': async (x) => String(((await api(x.p, 'POST', `${await connection(x)}/GenerateFeatureGuidance`, {})).body['featureGuidance'] as unknown[]).length),
  'feature-vlan-unchecked': (x) => featureStatus(x, { vlanId: 1000 }),
  'feature-subnet-unchecked': (x) => featureStatus(x, { ipv4Subnet: '10.9.0.0' }),
  'feature-prefix-unchecked': (x) => featureStatus(x, { ipv4Subnet: `169.254.${x.n}.0`, ipv4SubnetPrefixLength: 28 }),
  'feature-mtu-unchecked': (x) => featureStatus(x, { mtuBytes: 9000 }),
  'feature-overlap-accepted': async (x) => {
    await api(x.p, 'POST', `${await connection(x, `o1-${x.n}`)}/features?featureId=f`, referenceFeature('channel1', x.n));
    return String((await api(x.p, 'POST', `${await connection(x, `o2-${x.n}`)}/features?featureId=f`, referenceFeature('channel2', x.n, { vlanId: 3000 + x.n }))).status);
  },
  'feature-second-on-channel': async (x) => {
    const c = await connection(x);
    await api(x.p, 'POST', `${c}/features?featureId=f1`, referenceFeature('channel1', x.n));
    return String((await api(x.p, 'POST', `${c}/features?featureId=f2`, referenceFeature('channel1', x.n + 100))).status);
  },
  'features-never-final': async (x) => {
    const c = await finalFeatures(x, 1);
    return String((await api(x.p, 'GET', `${c}/features/f1`)).body['provisioningState']);
  },
  'never-notifies': async (x) => notified(x, await finalFeatures(x, 4)),
  'verified-early': async (x) => String((await api(x.p, 'GET', await finalFeatures(x, 4))).body['verificationState']),
  'needs-all-features': async (x) => notified(x, await finalFeatures(x, 3)),
  'no-refresh-on-notify': async (x) => {
    const c = await connection(x);
    await api(x.p, 'POST', `${c}/NotifyConnectionStatus`, {});
    return peerSaw(x, `GET ${c}`);
  },
  'update-not-applied': async (x) => String((await api(x.p, 'PATCH', `${await connection(x)}?updateMask=bandwidthMbps`, { bandwidthMbps: 100 })).body['bandwidthMbps']),
  'update-over-capacity': async (x) => String((await api(x.p, 'PATCH', `${await connection(x)}?updateMask=bandwidthMbps`, { bandwidthMbps: 123 })).status),
  'delete-keeps-features': async (x) => {
    const c = await connection(x);
    await api(x.p, 'POST', `${c}/features?featureId=f`, referenceFeature('channel1', x.n));
    await api(x.p, 'DELETE', c);
    return String((await api(x.p, 'GET', `${c}/features`)).status);
  },
  'output-only-honoured': async (x) => String((await api(x.p, 'POST', `${ix()}/connections?connectionId=v${x.n}`, { bandwidthMbps: 50, verificationState: 'VERIFICATION_STATE_VERIFIED' })).body['verificationState']),
  'delete-not-deleting': async (x) => {
    const c = await connection(x);
    await api(x.p, 'DELETE', c);
    return String((await api(x.p, 'GET', c)).status);
  },
};

/** Signatures other probes may legitimately show under a fault (the same defect seen from another angle). */
const COLLATERAL: Partial<Record<CoreFault, readonly CoreFault[]>> = {
  'unknown-resource-200': ['unknown-resource-400'],
  'unknown-resource-400': ['unknown-resource-200', 'confirm-any-environment'],
  'confirm-only-deprecated-key': ['confirm-rejects-genuine', 'confirm-any-environment'],
  'features-never-final': ['never-notifies', 'needs-all-features'],
  'never-notifies': ['needs-all-features'],
  'delete-not-deleting': ['delete-keeps-features'],
};

async function withPartner<T>(faults: FaultName[], run: (p: ReferencePartner, peer: FakePeer) => Promise<T>): Promise<T> {
  const p = await createReferencePartner({ faults, provisioningDelayMs: 5 });
  const peer = await fakePeer();
  try {
    assert.equal((await hook(p, 'PUT', '/peer', { providerId: 'aws', baseUrl: peer.baseUrl })).status, 204);
    return await run(p, peer);
  } finally {
    await p.close();
    await peer.close();
  }
}

const NAMES = (Object.keys(FAULTS) as FaultName[]).filter((n): n is CoreFault => !Object.prototype.hasOwnProperty.call(LATER, n));

function signatures(faults: FaultName[]): Promise<Record<string, string>> {
  return withPartner(faults, async (p, peer) => {
    const values = await Promise.all(NAMES.map((name, i) => PROBES[name]({ p, peer, n: i + 1 })));
    return Object.fromEntries(NAMES.map((name, i) => [name, values[i] ?? '']));
  });
}

test('every fault is catalogued with a description and the requirement ids it breaks', () => {
  const names = listFaults().map((f) => f.name);
  assert.equal(NAMES.length, 40);
  for (const name of SERVER_FAULT_NAMES) assert.ok(names.includes(name), name);
  for (const f of listFaults()) {
    assert.ok(f.description.length > 10, f.name);
    assert.ok(f.breaks.length > 0 && f.breaks.every((id) => /^CC-(SCH|AK|NEG|LC|ISS|MS|MNT|SLA|DEF|RES|SEC)-\d{3}$/.test(id)), f.name);
  }
  assert.deepEqual(Object.keys(PROBES).sort(), [...NAMES].sort(), 'one probe per fault');
});

/** Clean signatures and, per fault, the signatures of every probe with that fault on (collected once for both tests). */
let collected: Promise<[Record<string, string>, Record<string, string>[]]> | undefined;
function collect(): Promise<[Record<string, string>, Record<string, string>[]]> {
  collected ??= Promise.all([signatures([]), Promise.all(NAMES.map((n) => signatures([n])))]);
  return collected;
}

test('each fault visibly changes the behaviour it names', async () => {
  const [clean, faulty] = await collect();
  const unchanged = NAMES.filter((name, i) => faulty[i]?.[name] === clean[name]).map((name) => `${name} still shows "${clean[name]}"`);
  assert.deepEqual(unchanged, []);
});

test('each fault leaves every other probed behaviour conformant', async () => {
  const [clean, faulty] = await collect();
  const problems: string[] = [];
  NAMES.forEach((name, i) => {
    const seen = faulty[i] ?? {};
    const allowed = new Set<string>([name, ...(COLLATERAL[name] ?? [])]);
    for (const other of NAMES) {
      if (!allowed.has(other) && seen[other] !== clean[other]) problems.push(`${name}: also changed ${other} ("${clean[other]}" -> "${seen[other]}")`);
    }
  });
  assert.deepEqual(problems, []);
});
