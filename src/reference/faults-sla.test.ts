import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BehaviourContext, BehaviourOverride } from '../server/index.js';
import { faultConfig, withFaultConfig } from './faults.js';
import { loadFaultBehaviour, slidingCount, type SlaFaultName } from './faults-sla.js';
import { createReferencePartner } from './partner.js';
import { seedUuid } from './seed.js';

const get = { operation: 'ListEnvironments', method: 'GET', path: '/providers/aws/environments', params: {}, query: new URLSearchParams(), body: undefined, provider: 'aws' } satisfies BehaviourContext;
const post = { ...get, operation: 'CreateIssue', method: 'POST' } satisfies BehaviourContext;

/** Drives a load fault's hook with `count` GETs spread evenly from `from` over `spanMs`; answers each override. */
function drive(fault: SlaFaultName): (count: number, from: number, spanMs: number) => (BehaviourOverride | undefined)[] {
  let clock = 0;
  const hook = loadFaultBehaviour((n) => n === fault, () => clock);
  assert.ok(hook !== undefined);
  return (count, from, spanMs) => Array.from({ length: count }, (_, i) => {
    clock = from + (i * spanMs) / count;
    return hook(get) as BehaviourOverride | undefined;
  });
}

test('the sliding count counts exactly the events of the last window', () => {
  const c = slidingCount(1000);
  assert.equal(c.hit(0), 1);
  assert.equal(c.hit(999), 2);
  assert.equal(c.hit(1000), 2, 'the event at 0 left the window');
  for (let t = 1001; t < 11_000; t += 1) c.hit(t);
  assert.equal(c.hit(11_000), 1000);
});

test('intermittent-503 leaves light traffic alone and answers every 10th GET 503 while 300 or more arrived in the last second', () => {
  const send = drive('intermittent-503');
  assert.deepEqual(send(299, 0, 999).filter((o) => o !== undefined), [], '299 GETs in a second: not engaged');
  const burst = send(300, 1000, 500);
  const failed = burst.filter((o) => o?.status === 503);
  assert.ok(failed.length >= 25 && failed.length <= 30, `${failed.length} of 300`);
  assert.deepEqual(failed[0], { status: 503, body: { error: { code: 503, message: 'temporarily overloaded', status: 'UNAVAILABLE' } } });
  assert.deepEqual(send(50, 5000, 1000).filter((o) => o !== undefined), [], '50 GETs a second after a pause: released');
});

test('slow-responses engages at 300 GETs a second and lets go only below 50', () => {
  const send = drive('slow-responses');
  assert.deepEqual(send(200, 0, 1000).filter((o) => o !== undefined), []);
  const engaged = send(400, 1000, 1000).filter((o) => o !== undefined);
  assert.ok(engaged.length >= 5 && engaged.every((o) => o?.delayMs === 1500 && o.status === undefined), JSON.stringify(engaged));
  assert.equal(send(400, 2000, 4000).filter((o) => o !== undefined).length, 10, '100 GETs a second keeps it engaged: every 40th is slow');
  assert.deepEqual(send(40, 7000, 1000).filter((o) => o !== undefined), [], 'fewer than 50 a second: released');
});

test('the load faults count GETs only, and are off unless switched on', () => {
  let clock = 0;
  const hook = loadFaultBehaviour((n) => n === 'intermittent-503', () => clock);
  for (let i = 0; i < 1000; i += 1) { clock = i; assert.equal(hook?.(post), undefined); }
  assert.equal(loadFaultBehaviour(() => false), undefined);
});

test('a fault\u2019s configuration is set over the run\u2019s own, section by section', () => {
  assert.deepEqual(faultConfig(['slow-provisioning', 'slow-notification', 'wrong-type']), { sla: { provisioningSeconds: 1, notificationSeconds: 1 } });
  const raw = { candidate: { baseUrl: 'x' }, sla: { loadRequests: 100, provisioningSeconds: 300 } };
  assert.deepEqual(withFaultConfig(raw, faultConfig(['slow-provisioning'])), { candidate: { baseUrl: 'x' }, sla: { loadRequests: 100, provisioningSeconds: 1 } });
  assert.equal(raw.sla.provisioningSeconds, 300, 'the input is not changed');
});

test('a seeded reference serves its connections verified, spread over the interconnects, with a FINAL feature per channel', async () => {
  const p = await createReferencePartner({ seedConnections: 1001 });
  try {
    const ix = (id: string): string => `${p.baseUrl}/providers/aws/environments/aws-ref-us-east/interconnects/${id}`;
    const count = async (id: string): Promise<number> => {
      let n = 0;
      let token = '';
      do {
        const body = (await (await fetch(`${ix(id)}/connections?pageSize=1000${token ? `&pageToken=${token}` : ''}`)).json()) as { connections: unknown[]; nextPageToken?: string };
        n += body.connections.length;
        token = body.nextPageToken ?? '';
      } while (token !== '');
      return n;
    };
    assert.deepEqual([await count('ix1'), await count('ix2')], [501, 500]);
    const conn = (await (await fetch(`${ix('ix2')}/connections/${seedUuid(1000 - 1)}`)).json()) as Record<string, unknown>;
    assert.equal(conn['verificationState'], 'VERIFICATION_STATE_VERIFIED');
    const features = (await (await fetch(`${ix('ix2')}/connections/${seedUuid(999)}/features`)).json()) as { features: Array<{ channel: string; provisioningState: string }> };
    assert.deepEqual(features.features.map((f) => [f.channel.split('/').pop(), f.provisioningState]), [1, 2, 3, 4].map((n) => [`channel${n}`, 'PROVISIONING_STATE_FINAL']));
  } finally {
    await p.close();
  }
});
