import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createCoordinatorServer, type BehaviourHook, type CoordinatorServer, type Topology } from '../server/index.js';
import { createReferencePartner, type ReferencePartner } from './partner.js';
import { api, eventually, hook, ix } from './fixture.test-support.js';
import { REFERENCE_ENVIRONMENT, referenceTopology } from './topology.js';

const ENV_ID = REFERENCE_ENVIRONMENT;

/** The reference topology seen from the other side: MACsec management flipped. */
function mirrored(): Topology {
  const t = referenceTopology();
  return {
    ...t,
    displayName: 'Kit peer',
    environments: t.environments.map((e) => ({
      ...e,
      interconnects: e.interconnects.map((i) => ({
        ...i,
        channels: i.channels.map((c) => ({ ...c, macsecManager: c.macsecManager === 'self' ? ('caller' as const) : ('self' as const) })),
      })),
    })),
  };
}

interface Pair {
  readonly ref: ReferencePartner;
  readonly kit: CoordinatorServer;
  readonly seen: string[];
  close(): Promise<void>;
}

async function pair(behaviour?: BehaviourHook): Promise<Pair> {
  const seen: string[] = [];
  const kit = createCoordinatorServer({
    selfId: 'aws', topology: mirrored(), knownProviders: ['refcloud'], observer: (r) => seen.push(`${r.operation} ${r.status}`),
    ...(behaviour ? { behaviour } : {}),
  });
  const kitUrl = await kit.listen();
  const ref = await createReferencePartner({ retry: { initialDelayMs: 10, factor: 2, maxTotalMs: 2000 } });
  kit.setPeer({ providerId: 'refcloud', baseUrl: ref.baseUrl });
  assert.equal((await hook(ref, 'PUT', '/peer', { providerId: 'aws', baseUrl: kitUrl })).status, 204);
  return { ref, kit, seen, close: async () => { await ref.close(); await kit.close(); } };
}

function kitKey(p: Pair, uuid: string, account = 'ref-customer-1', bandwidthMbps = 1000): string {
  return p.kit.local.issueKey({ caller: 'refcloud', env: ENV_ID, bandwidthMbps, accountId: account, uuid }).encoded;
}

test('as negotiator the reference confirms, places, proposes 4 features and both sides reach VERIFIED', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  const uuid = randomUUID();
  assert.equal((await hook(p.ref, 'POST', '/accepted-keys', { activationKey: kitKey(p, uuid), accountId: 'ref-customer-1' })).status, 202);
  const kitRef = { caller: 'refcloud', env: ENV_ID, ix: 'ix1', id: uuid };
  assert.ok(await eventually(() => p.kit.local.verification(kitRef) === 'VERIFICATION_STATE_VERIFIED'), `kit side verified; seen ${p.seen.join(', ')}`);
  assert.ok(await eventually(async () => (await api(p.ref, 'GET', `${ix()}/connections/${uuid}`)).body['verificationState'] === 'VERIFICATION_STATE_VERIFIED'));
  const order = p.seen.filter((s) => !s.startsWith('GetConnection') && !s.startsWith('GetProvider'));
  assert.deepEqual(order.slice(0, 3), ['ConfirmActivationKey 200', 'CreateConnection 200', 'GenerateFeatureGuidance 200']);
  assert.equal(order.filter((s) => s === 'CreateFeature 200').length, 4);
  assert.equal(p.kit.local.features(kitRef).length, 4);
});

test('the reference stops on a key for another account or a key the peer does not confirm', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  const other = randomUUID();
  assert.equal((await hook(p.ref, 'POST', '/accepted-keys', { activationKey: kitKey(p, other, 'someone-else'), accountId: 'ref-customer-1' })).status, 400, 'refused at once');
  const forged = Buffer.from(JSON.stringify({ version: 1, destinationEnvironmentUri: `providers/refcloud/environments/${ENV_ID}`, sharedConnectionUuid: randomUUID(), connectionSizeMbps: 1000, destinationAccountId: 'ref-customer-1' })).toString('base64');
  await hook(p.ref, 'POST', '/accepted-keys', { activationKey: forged, accountId: 'ref-customer-1' });
  await p.ref.idle();
  assert.deepEqual(p.seen.filter((s) => s.startsWith('Confirm') || s.startsWith('CreateConnection')), ['ConfirmActivationKey 200']);
  assert.equal(p.ref.events().length, 1);
});

test('the reference refuses at once a key naming an environment it does not share or a size its environment does not offer', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  const key = (env: string, size: number): string => Buffer.from(JSON.stringify({
    version: 1, destinationEnvironmentUri: `providers/refcloud/environments/${env}`, sharedConnectionUuid: randomUUID(), connectionSizeMbps: size, destinationAccountId: 'ref-customer-1',
  })).toString('base64');
  assert.equal((await hook(p.ref, 'POST', '/accepted-keys', { activationKey: key('elsewhere', 1000), accountId: 'ref-customer-1' })).status, 400);
  assert.equal((await hook(p.ref, 'POST', '/accepted-keys', { activationKey: key(ENV_ID, 150), accountId: 'ref-customer-1' })).status, 400);
  await p.ref.idle();
  assert.deepEqual(p.seen.filter((s) => s !== 'GetProvider 200'), []);
});

test('after a refused proposal the reference asks for guidance again and proposes new values on that channel', async (t) => {
  let refused = 0;
  const p = await pair((ctx) => (ctx.operation === 'CreateFeature' && refused++ === 0 ? { status: 409, body: { error: { code: 409, message: 'taken', status: 'ABORTED' } } } : undefined));
  t.after(() => p.close());
  const uuid = randomUUID();
  await hook(p.ref, 'POST', '/accepted-keys', { activationKey: kitKey(p, uuid), accountId: 'ref-customer-1' });
  const kitRef = { caller: 'refcloud', env: ENV_ID, ix: 'ix1', id: uuid };
  assert.ok(await eventually(() => p.kit.local.features(kitRef).length === 4), `seen ${p.seen.join(', ')}`);
  const order = p.seen.filter((s) => s.startsWith('CreateFeature') || s.startsWith('GenerateFeatureGuidance'));
  assert.deepEqual(order.slice(0, 4), ['GenerateFeatureGuidance 200', 'CreateFeature 409', 'GenerateFeatureGuidance 200', 'CreateFeature 200']);
  assert.equal((await api(p.ref, 'GET', `${ix()}/connections/${uuid}/features`)).body['features'] instanceof Array, true);
  assert.equal(((await api(p.ref, 'GET', `${ix()}/connections/${uuid}/features`)).body['features'] as unknown[]).length, 4);
});

test('a feature the peer deletes on a channel the reference manages is re-created; one on the peer\'s channel is not', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  const uuid = randomUUID();
  await hook(p.ref, 'POST', '/accepted-keys', { activationKey: kitKey(p, uuid), accountId: 'ref-customer-1' });
  const kitRef = { caller: 'refcloud', env: ENV_ID, ix: 'ix1', id: uuid };
  assert.ok(await eventually(() => p.kit.local.features(kitRef).length === 4));
  const created = (): number => p.seen.filter((s) => s === 'CreateFeature 200').length;
  for (const ch of ['channel1', 'channel2']) {
    p.kit.local.deleteFeature(kitRef, `ref-${ch}`);
    assert.equal((await api(p.ref, 'DELETE', `${ix()}/connections/${uuid}/features/ref-${ch}`)).status, 200);
  }
  assert.ok(await eventually(() => created() === 5), `seen ${p.seen.join(', ')}`);
  await p.ref.idle();
  assert.deepEqual(p.kit.local.features(kitRef).map((f) => f.channelId).sort(), ['channel2', 'channel3', 'channel4'], 'channel2 (managed by the reference) came back, channel1 did not');
});

test('409 on one interconnect sends the reference to the other; 503 is retried with backoff', async (t) => {
  let unavailable = 2;
  const p = await pair((ctx) => {
    if (ctx.operation !== 'CreateConnection') return undefined;
    if (unavailable > 0) {
      unavailable -= 1;
      return { status: 503, body: { error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } } };
    }
    return ctx.params['interconnect'] === 'ix1' ? { status: 409, body: { error: { code: 409, message: 'full', status: 'ABORTED' } } } : undefined;
  });
  t.after(() => p.close());
  const uuid = randomUUID();
  await hook(p.ref, 'POST', '/accepted-keys', { activationKey: kitKey(p, uuid), accountId: 'ref-customer-1' });
  assert.ok(await eventually(() => p.kit.local.connection({ caller: 'refcloud', env: ENV_ID, ix: 'ix2', id: uuid }) !== undefined));
  assert.ok(p.seen.filter((s) => s === 'CreateConnection 503').length === 2 && p.seen.includes('CreateConnection 409'));
  assert.equal((await api(p.ref, 'GET', `${ix('ix1')}/connections/${uuid}`)).status, 404, 'the local connection on ix1 was cleaned up');
});

test('customer bandwidth change and delete propagate to the peer; a remote update during a customer update gets 409', async (t) => {
  let slowUpdates = true;
  const p = await pair((ctx) => (ctx.operation === 'UpdateConnection' && slowUpdates ? { delayMs: 150 } : undefined));
  t.after(() => p.close());
  const uuid = randomUUID();
  await hook(p.ref, 'POST', '/accepted-keys', { activationKey: kitKey(p, uuid), accountId: 'ref-customer-1' });
  const kitRef = { caller: 'refcloud', env: ENV_ID, ix: 'ix1', id: uuid };
  assert.ok(await eventually(() => p.kit.local.features(kitRef).length === 4));
  assert.equal((await hook(p.ref, 'PATCH', `/connections/${uuid}`, { bandwidthMbps: 2000 })).status, 202);
  const remote = await api(p.ref, 'PATCH', `${ix()}/connections/${uuid}?updateMask=bandwidthMbps`, { bandwidthMbps: 5000 });
  assert.equal(remote.status, 409, 'a customer update is in progress');
  await p.ref.idle();
  slowUpdates = false;
  assert.equal(p.kit.local.connection(kitRef)?.bandwidthMbps, 2000);
  assert.equal((await api(p.ref, 'GET', `${ix()}/connections/${uuid}`)).body['bandwidthMbps'], 2000);
  assert.equal((await hook(p.ref, 'PATCH', `/connections/${uuid}`, { bandwidthMbps: 123 })).status, 400);
  assert.equal((await hook(p.ref, 'DELETE', `/connections/${uuid}`)).status, 202);
  assert.equal((await api(p.ref, 'GET', `${ix()}/connections/${uuid}`)).status, 404);
  await p.ref.idle();
  assert.equal(p.kit.local.connection(kitRef), undefined, 'DeleteConnection reached the peer');
  assert.equal((await hook(p.ref, 'DELETE', `/connections/${uuid}`)).status, 404);
});

test('with deferProvisioning the reference drives guidance and features against the deferring peer', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  const uuid = randomUUID();
  const kitRef = { caller: 'refcloud', env: ENV_ID, ix: 'ix2', id: uuid };
  assert.ok(p.kit.local.createConnection(kitRef, 500).ok);
  const res = await api(p.ref, 'POST', `${ix('ix2')}/connections?connectionId=${uuid}`, { bandwidthMbps: 500, deferProvisioning: true });
  assert.equal(res.status, 200);
  assert.ok(await eventually(() => p.kit.local.features(kitRef).length === 4), p.seen.join(', '));
  assert.ok(await eventually(() => p.kit.local.readiness(kitRef)?.ready === true));
  assert.ok(await eventually(async () => (await api(p.ref, 'GET', `${ix('ix2')}/connections/${uuid}`)).body['verificationState'] === 'VERIFICATION_STATE_VERIFIED'));
});

test('as MACsec manager the reference installs a fresh key on the peer, waits until active and deletes the old one', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  const channel = `providers/aws/environments/${ENV_ID}/interconnects/ix1/channels/channel2`;
  const kitChannel = { caller: 'refcloud', env: ENV_ID, ix: 'ix1', channel: 'channel2' };
  assert.equal((await hook(p.ref, 'POST', '/macsec-rotations', { channel })).status, 202);
  await p.ref.idle();
  const first = p.kit.local.macSecKeys(kitChannel);
  assert.equal(first.length, 1);
  assert.match(first[0]?.cak ?? '', /^[0-9a-f]{64}$/);
  assert.equal((await hook(p.ref, 'POST', '/macsec-rotations', { channel })).status, 202);
  await p.ref.idle();
  const second = p.kit.local.macSecKeys(kitChannel);
  assert.equal(second.length, 1, 'the old key was deleted');
  assert.ok(second[0]?.active);
  assert.notEqual(second[0]?.cak, first[0]?.cak, 'fresh key material');
  assert.equal((await hook(p.ref, 'POST', '/macsec-rotations', { channel: channel.replace('channel2', 'channel1') })).status, 409);
  assert.ok(p.ref.events().every((e) => !e.detail.includes(second[0]?.cak ?? 'x')), 'no key material in events');
});

test('a rotation request from the peer makes the reference rotate; maintenance is scheduled, refused on overlap and notified', async (t) => {
  const p = await pair();
  t.after(() => p.close());
  assert.equal((await api(p.ref, 'POST', `${ix('ix2')}/channels/channel4/RequestMacSecKeyRotation`, { reason: 'audit' })).status, 200);
  assert.ok(await eventually(() => p.kit.local.macSecKeys({ caller: 'refcloud', env: ENV_ID, ix: 'ix2', channel: 'channel4' }).length === 1));
  const channel = (n: number): string => `providers/aws/environments/${ENV_ID}/interconnects/ix1/channels/channel${n}`;
  const made = await hook(p.ref, 'POST', '/maintenance-events', { channel: channel(1), startTime: '2031-05-01T00:00:00Z', endTime: '2031-05-01T04:00:00Z' });
  assert.equal(made.status, 201);
  assert.equal(typeof made.body['maintenanceId'], 'string');
  assert.equal((await hook(p.ref, 'POST', '/maintenance-events', { channel: channel(2), startTime: '2031-05-01T03:00:00Z', endTime: '2031-05-01T05:00:00Z' })).status, 409);
  await p.ref.idle();
  assert.ok(await eventually(() => p.seen.includes('NotifyMaintenance 200')));
  const events = (await api(p.ref, 'GET', `${ix()}/channels/channel1/maintenanceEvents`)).body['events'] as unknown[];
  assert.equal(events.length, 1);
});
