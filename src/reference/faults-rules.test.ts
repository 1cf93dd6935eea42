import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_FAULTS } from './faults-rules.js';
import type { FaultName } from './faults.js';
import { createReferencePartner, type ReferencePartner } from './partner.js';
import { api, ENV, eventually, fakePeer, hook, ix, referenceFeature, type Answer } from './fixture.test-support.js';

type RuleFault = keyof typeof RULE_FAULTS;
type Probe = (p: ReferencePartner) => Promise<string>;

const ISSUES = '/providers/aws/issues';
const conn = (id = 'c1', i = 'ix1'): string => `${ix(i)}/connections/${id}`;
const status = async (a: Promise<Answer>): Promise<string> => String((await a).status);
const issue = (p: ReferencePartner, id: string, extra: Record<string, unknown> = {}): Promise<Answer> => api(p, 'POST', `${ISSUES}?issueId=${id}`, { title: 't', body: 'b', ...extra });

async function connection(p: ReferencePartner, id = 'c1', i = 'ix1', bandwidthMbps = 50): Promise<string> {
  await api(p, 'POST', `${ix(i)}/connections?connectionId=${id}`, { bandwidthMbps });
  return conn(id, i);
}

async function feature(p: ReferencePartner, override: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, query = 'f'): Promise<Answer> {
  const c = await connection(p);
  return api(p, 'POST', `${c}/features?featureId=${query}`, { ...referenceFeature('channel1', 7, override), ...extra });
}

async function guidance(p: ReferencePartner): Promise<Record<string, unknown>> {
  const g = (await api(p, 'POST', `${await connection(p)}/GenerateFeatureGuidance`, {})).body['featureGuidance'] as { l3BaseGuidance: Record<string, unknown> }[];
  return g[0]?.l3BaseGuidance ?? {};
}

async function verified(p: ReferencePartner, early: boolean): Promise<string> {
  const c = await connection(p);
  if (early) await api(p, 'POST', `${c}/NotifyConnectionStatus`, {});
  for (let k = 1; k <= 4; k++) await api(p, 'POST', `${c}/features?featureId=f${k}`, referenceFeature(`channel${k}`, 10 + k));
  if (!early) {
    await eventually(async () => ((await api(p, 'GET', `${c}/features`)).body['features'] as { provisioningState: string }[]).every((f) => f.provisioningState === 'PROVISIONING_STATE_FINAL'), 1500);
    await new Promise((r) => setTimeout(r, 100));
    await api(p, 'POST', `${c}/NotifyConnectionStatus`, {});
  }
  await eventually(async () => (await api(p, 'GET', c)).body['verificationState'] === 'VERIFICATION_STATE_VERIFIED', 1500);
  return c;
}

async function comments(p: ReferencePartner, n: number): Promise<string> {
  await issue(p, 'i');
  for (let k = 1; k <= n; k++) await api(p, 'POST', `${ISSUES}/i/AddComment`, { comment: { body: `c${k}` } });
  return `${ISSUES}/i/comments`;
}

/** One observable signature per rule fault, taken on a fresh partner. */
const PROBES: Readonly<Record<RuleFault, Probe>> = {
  'issue-id-ignored': async (p) => String(String((await issue(p, 'i1')).body['name']).endsWith('/issues/i1')),
  'issue-title-body-optional': (p) => status(api(p, 'POST', `${ISSUES}?issueId=i`, { body: 'b' })),
  'issue-output-only-honoured': async (p) => String((await issue(p, 'i', { state: 'STATE_CLOSED' })).body['state']),
  'issue-starts-in-progress': async (p) => String((await issue(p, 'i')).body['state']),
  'issue-without-create-time': async (p) => String('createTime' in (await issue(p, 'i')).body),
  'issue-feature-context-refused': (p) => status(issue(p, 'i', { featureContexts: [{ name: 'providers/aws/x' }] })),
  'issue-interconnect-type-refused': (p) => status(issue(p, 'i', { issueContext: 'ISSUE_CONTEXT_INTERCONNECT_ISSUE', interconnectContexts: [{ name: ix().slice(1) }] })),
  'issue-missing-context-500': (p) => status(issue(p, 'i', { issueContext: 'ISSUE_CONTEXT_CONNECTION_ISSUE' })),
  'issue-nameless-context-accepted': (p) => status(issue(p, 'i', { connectionContexts: [{}] })),
  'get-issue-drops-priority': async (p) => {
    await issue(p, 'i', { priority: 'PRIORITY_P2' });
    return String((await api(p, 'GET', `${ISSUES}/i`)).body['priority']);
  },
  'issues-list-omits-open': async (p) => {
    await issue(p, 'i');
    return String(((await api(p, 'GET', ISSUES)).body['issues'] as unknown[]).length);
  },
  'issues-default-page-unbounded': async (p) => {
    for (let k = 0; k < 51; k++) await issue(p, `i${k}`);
    return String(((await api(p, 'GET', ISSUES)).body['issues'] as unknown[]).length);
  },
  'issues-large-page-refused': (p) => status(api(p, 'GET', `${ISSUES}?pageSize=5000`)),
  'add-comment-empty-answer': async (p) => {
    await issue(p, 'i');
    return String('comment' in (await api(p, 'POST', `${ISSUES}/i/AddComment`, { comment: { body: 'x' } })).body);
  },
  'comment-body-optional': async (p) => {
    await issue(p, 'i');
    return status(api(p, 'POST', `${ISSUES}/i/AddComment`, {}));
  },
  'comments-oldest-first': async (p) => String(((await api(p, 'GET', await comments(p, 2))).body['comments'] as { body: string }[])[0]?.body),
  'comments-default-page-unbounded': async (p) => String(((await api(p, 'GET', await comments(p, 51))).body['comments'] as unknown[]).length),
  'comment-without-create-time': async (p) => {
    await issue(p, 'i');
    return String('createTime' in ((await api(p, 'POST', `${ISSUES}/i/AddComment`, { comment: { body: 'x' } })).body['comment'] as object));
  },
  'close-not-kept': async (p) => {
    await issue(p, 'i');
    await api(p, 'POST', `${ISSUES}/i/Close`, {});
    return String((await api(p, 'GET', `${ISSUES}/i`)).body['state']);
  },
  'duplicate-issue-accepted': async (p) => {
    await issue(p, 'i');
    return status(issue(p, 'i'));
  },
  'issue-enum-unchecked': (p) => status(issue(p, 'i', { priority: 'PRIORITY_URGENT' })),
  'issue-id-generated': (p) => status(api(p, 'POST', ISSUES, { title: 't', body: 'b' })),
  'create-issue-201': (p) => status(issue(p, 'i')),
  'feature-reservation-race': async (p) => {
    const c = await connection(p);
    const both = await Promise.all([1, 2].map((k) => api(p, 'POST', `${c}/features?featureId=f${k}`, referenceFeature(`channel${k}`, 7, { vlanId: 1100 + k }))));
    return String(both.filter((a) => a.status === 200).length);
  },
  'duplicate-feature-accepted': async (p) => {
    const c = await connection(p);
    await api(p, 'POST', `${c}/features?featureId=f`, referenceFeature('channel1', 7));
    return status(api(p, 'POST', `${c}/features?featureId=f`, referenceFeature('channel2', 8)));
  },
  'provisioning-state-honoured': async (p) => String((await feature(p, {}, { provisioningState: 'PROVISIONING_STATE_FINAL' })).body['provisioningState']),
  'feature-channel-unchecked': async (p) => status(api(p, 'POST', `${await connection(p)}/features?featureId=f`, referenceFeature('channel1', 7, {}, 'ix2'))),
  'feature-mtu-defaulted': async (p) => {
    const body = referenceFeature('channel1', 7);
    delete (body['featureConfig'] as { l3BaseConfig: Record<string, unknown> }).l3BaseConfig['mtuBytes'];
    return status(api(p, 'POST', `${await connection(p)}/features?featureId=f`, body));
  },
  'feature-asn-unchecked': (p) => status(feature(p, { providerBgpConfigs: [{ provider: 'providers/aws', asn: 64512, hostIpv4: '169.254.7.1' }, { provider: 'providers/refcloud', asn: 65000, hostIpv4: '169.254.7.2' }] })),
  'feature-host-bits-accepted': (p) => status(feature(p, { ipv4Subnet: '169.254.7.1' })),
  'guidance-reserved-vlans': async (p) => JSON.stringify((await guidance(p))['vlanRanges']),
  'guidance-overlapping-ranges': async (p) => JSON.stringify((await guidance(p))['mtuRanges']),
  'guidance-exclude-misspelt': async (p) => JSON.stringify((await guidance(p))['ipv4SubnetGuidance']),
  'guidance-needs-body': async (p) => status(api(p, 'POST', `${await connection(p)}/GenerateFeatureGuidance`)),
  'notify-refused-before-ready': async (p) => status(api(p, 'POST', `${await connection(p)}/NotifyConnectionStatus`, {})),
  'feature-mtu-rewritten': async (p) => {
    await feature(p);
    return JSON.stringify((await api(p, 'GET', `${conn()}/features/f`)).body['featureConfig']);
  },
  'refused-feature-kept': async (p) => {
    await feature(p, { mtuBytes: 9000 });
    return status(api(p, 'GET', `${conn()}/features/f`));
  },
  'feature-id-from-body-name': async (p) => String((await feature(p, {}, { name: `${conn().slice(1)}/features/other` })).body['name']).split('/').pop() ?? '',
  'unsupported-size-accepted': (p) => status(api(p, 'POST', `${ix()}/connections?connectionId=c`, { bandwidthMbps: 75 })),
  'capacity-race': async (p) => {
    const both = await Promise.all([1, 2].map((k) => api(p, 'POST', `${ix('ix2')}/connections?connectionId=big${k}`, { bandwidthMbps: 10000 })));
    return String(both.filter((a) => a.status === 200).length);
  },
  'crossing-notify-dropped': async (p) => String((await api(p, 'GET', await verified(p, true))).body['verificationState']),
  'ipv6-refused': (p) => status(feature(p, { ipv6Subnet: 'fd00:ce:1::', ipv6SubnetPrefixLength: 126 })),
  'md5-refused': (p) => status(feature(p, { md5BgpPassword: 'probe-secret' })),
  'preferred-subnet-only': (p) => status(feature(p)),
  'update-mask-unchecked': async (p) => status(api(p, 'PATCH', `${await connection(p)}?updateMask=bandwidthMbps,adminState`, { bandwidthMbps: 50, adminState: 'ADMIN_STATE_DISABLED' })),
  'delete-in-service-declined': async (p) => {
    const c = await verified(p, false);
    await new Promise((r) => setTimeout(r, 1600));
    return status(api(p, 'DELETE', c));
  },
  'repeat-delete-500': async (p) => {
    const c = await connection(p);
    await api(p, 'DELETE', c);
    return status(api(p, 'DELETE', c));
  },
  'delete-feature-kept': async (p) => {
    await feature(p);
    await api(p, 'DELETE', `${conn()}/features/f`);
    return status(api(p, 'GET', `${conn()}/features/f`));
  },
  'create-feature-self-rooted': async (p) => String((await feature(p)).body['name']).split('/')[1] ?? '',
  'own-provider-hidden': (p) => status(api(p, 'GET', `/providers/${p.providerId}`)),
  'providers-listed-elsewhere': async (p) => Object.keys((await api(p, 'GET', '/providers')).body).sort().join(','),
  'feature-channel-bare': async (p) => {
    await feature(p);
    return String((await api(p, 'GET', `${conn()}/features/f`)).body['channel']);
  },
  'update-without-body-accepted': async (p) => status(api(p, 'PATCH', `${await connection(p)}?updateMask=bandwidthMbps`)),
  'environment-without-l3': async (p) => JSON.stringify((await api(p, 'GET', ENV)).body['supportedFeatures']),
  'connection-admin-state-missing': async (p) => String((await api(p, 'GET', await connection(p))).body['adminState']),
  'asn-int32': (p) => status(feature(p, { providerBgpConfigs: [{ provider: 'providers/aws', asn: 4200000000, hostIpv4: '169.254.7.1' }, { provider: 'providers/refcloud', asn: 64700, hostIpv4: '169.254.7.2' }] })),
  'update-answer-without-bandwidth': async (p) => String((await api(p, 'PATCH', `${await connection(p)}?updateMask=bandwidthMbps`, { bandwidthMbps: 100 })).body['bandwidthMbps']),
  'interconnect-sizes-repeated': async (p) => String(((await api(p, 'GET', ix())).body['supportedConnectionSizeMbps'] as unknown[]).length),
};

async function signature(name: RuleFault, faults: FaultName[]): Promise<string> {
  const p = await createReferencePartner({ faults, provisioningDelayMs: 5 });
  const peer = await fakePeer();
  try {
    assert.equal((await hook(p, 'PUT', '/peer', { providerId: 'aws', baseUrl: peer.baseUrl })).status, 204);
    return await PROBES[name](p);
  } finally {
    await p.close();
    await peer.close();
  }
}

test('every rule fault has a probe, a description and requirement ids of the kit\'s areas', () => {
  assert.deepEqual(Object.keys(PROBES).sort(), Object.keys(RULE_FAULTS).sort());
  for (const [name, f] of Object.entries(RULE_FAULTS)) {
    assert.ok(f.description.length > 10, name);
    assert.ok(f.breaks.length > 0 && f.breaks.every((id) => /^CC-(SCH|NEG|LC|ISS|DEF)-\d{3}$/.test(id)), name);
  }
});

test('each rule fault visibly changes the behaviour it names', async () => {
  const names = Object.keys(PROBES) as RuleFault[];
  const results = await Promise.all(names.map(async (name) => ({ name, clean: await signature(name, []), faulty: await signature(name, [name]) })));
  assert.deepEqual(results.filter((r) => r.clean === r.faulty).map((r) => `${r.name} still shows "${r.clean}"`), []);
});
