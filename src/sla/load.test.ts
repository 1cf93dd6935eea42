import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../client/index.js';
import { availabilityOf, runLoad, targetPicker, type LoadTarget, type Send } from './load.js';
import { httpClientSender, poolSender } from './senders.js';

/** A tiny server that records what it saw; `answer` decides each response (default 200 `{}`). */
async function server(answer: (req: IncomingMessage, n: number) => { status?: number; headers?: Record<string, string>; delayMs?: number } = () => ({})) {
  const seen = { total: 0, byPath: new Map<string, number>(), inFlight: 0, maxInFlight: 0 };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.total += 1;
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    seen.byPath.set(req.url ?? '', (seen.byPath.get(req.url ?? '') ?? 0) + 1);
    const a = answer(req, seen.total);
    setTimeout(() => {
      seen.inFlight -= 1;
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
      res.end(JSON.stringify({ path: req.url }));
    }, a.delayMs ?? 0);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/cc/v1`;
  return { seen, baseUrl, close: () => new Promise<void>((r) => { http.closeAllConnections(); http.close(() => r()); }) };
}

const TARGETS: LoadTarget[] = [
  { operation: 'ListEnvironments', path: '/providers/aws/environments' },
  { operation: 'GetChannel', path: '/c/1' }, { operation: 'GetChannel', path: '/c/2' },
  { operation: 'GetInterconnect', path: '/ix/1' },
];

test('every request is sent once and the load is shared evenly by operation, then by target', async (t) => {
  const s = await server();
  const p = poolSender({ baseUrl: s.baseUrl, connections: 8 });
  t.after(async () => { await p.close(); await s.close(); });
  const r = await runLoad({ targets: TARGETS, requests: 300, concurrency: 8, send: p.send });
  assert.equal(r.completed, 300);
  assert.equal(s.seen.total, 300);
  assert.equal(r.outcomes.ok, 300);
  assert.deepEqual([...r.statuses], [[200, 300]]);
  assert.deepEqual(Object.fromEntries(r.operations.map((o) => [o.operation, o.outcomes.ok])), { ListEnvironments: 100, GetChannel: 100, GetInterconnect: 100 });
  assert.equal(s.seen.byPath.get('/cc/v1/c/1'), 50);
  assert.equal(s.seen.byPath.get('/cc/v1/c/2'), 50);
  assert.equal(r.latency.count, 300);
  assert.equal(availabilityOf(r.outcomes), 1);
});

test('no more requests are in flight than the concurrency allows', async (t) => {
  const s = await server(() => ({ delayMs: 5 }));
  const p = poolSender({ baseUrl: s.baseUrl, connections: 16 });
  t.after(async () => { await p.close(); await s.close(); });
  const r = await runLoad({ targets: TARGETS, requests: 120, concurrency: 4, send: p.send });
  assert.equal(r.maxInFlight, 4);
  assert.ok(s.seen.maxInFlight <= 4, `the server saw ${s.seen.maxInFlight} at once`);
  assert.equal(s.seen.maxInFlight, 4, 'the bound is reached, not just respected');
});

test('5xx answers and transport failures count against availability; 4xx answers do not', async (t) => {
  const s = await server((req) => ({ status: req.url?.endsWith('/ix/1') ? 404 : req.url?.endsWith('/c/2') ? 503 : 200 }));
  const p = poolSender({ baseUrl: s.baseUrl });
  t.after(async () => { await p.close(); await s.close(); });
  const r = await runLoad({ targets: TARGETS, requests: 200, concurrency: 3, send: p.send });
  // 200 requests over 3 operations: 67 ListEnvironments, 67 GetChannel (34 on /c/1, 33 on /c/2), 66 GetInterconnect.
  assert.equal(r.outcomes['server-error'], 33);
  assert.equal(r.outcomes['client-error'], 66);
  assert.equal(r.outcomes.ok, 101);
  assert.equal(availabilityOf(r.outcomes), 167 / 200);
  const failing = r.samples.filter((x) => x.outcome === 'server-error');
  assert.ok(failing.length > 0 && failing.every((x) => x.status === 503 && x.url.startsWith(s.baseUrl)));
  assert.deepEqual(failing[0]?.body, { path: new URL(failing[0]?.url ?? '').pathname }, 'a sample keeps the response body');
});

test('an unreachable target makes every request a transport error, with its reason kept', async () => {
  const s = await server();
  const baseUrl = s.baseUrl;
  await s.close();
  const p = poolSender({ baseUrl, timeoutMs: 2000 });
  try {
    const r = await runLoad({ targets: TARGETS, requests: 10, concurrency: 2, send: p.send });
    assert.equal(r.outcomes['transport-error'], 10);
    assert.equal(availabilityOf(r.outcomes), 0);
    assert.equal(r.latency.count, 0, 'transport errors have no latency');
    assert.match(r.samples[0]?.error ?? '', /ECONNREFUSED/);
  } finally {
    await p.close();
  }
});

test('a 429 with Retry-After is waited out and retried, counted apart; a 429 without it is final and left out of availability', async (t) => {
  const s = await server((req, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : req.url?.endsWith('/ix/1') ? { status: 429 } : {}));
  const p = poolSender({ baseUrl: s.baseUrl });
  t.after(async () => { await p.close(); await s.close(); });
  const t0 = Date.now();
  const r = await runLoad({ targets: TARGETS, requests: 8, concurrency: 1, send: p.send });
  assert.ok(Date.now() - t0 >= 950, 'the one-second Retry-After was honoured');
  assert.equal(r.completed, 8);
  assert.equal(r.attempts, 9);
  assert.equal(r.retries, 1);
  assert.equal(r.throttledAnswers, 3, 'one retried 429 and two final ones');
  assert.equal(r.outcomes.throttled, 2);
  assert.equal(r.outcomes.ok, 6);
  assert.equal(availabilityOf(r.outcomes), 1, 'throttled requests are neither up nor down');
  assert.equal(r.samples.find((x) => x.retryAfter !== undefined)?.retryAfter, '1');
});

test('retries after 429 stop after the configured number and the wait is capped', async (t) => {
  const s = await server(() => ({ status: 429, headers: { 'retry-after': '120' } }));
  const p = poolSender({ baseUrl: s.baseUrl });
  t.after(async () => { await p.close(); await s.close(); });
  const t0 = Date.now();
  const r = await runLoad({ targets: TARGETS, requests: 1, concurrency: 1, send: p.send, maxRetries: 2, maxRetryAfterMs: 10 });
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(r.attempts, 3);
  assert.equal(r.outcomes.throttled, 1);
  assert.equal(availabilityOf(r.outcomes), null, 'nothing but 429s leaves availability unmeasured');
});

test('the rate cap spaces the requests out', async () => {
  const send: Send = () => Promise.resolve({ status: 200 });
  const r = await runLoad({ targets: TARGETS, requests: 21, concurrency: 8, maxRequestsPerSecond: 100, send });
  assert.ok(r.durationMs >= 190, `21 requests at 100/s took ${r.durationMs} ms`);
  const free = await runLoad({ targets: TARGETS, requests: 21, concurrency: 8, send });
  assert.ok(free.durationMs < 100, 'without a cap the same load is immediate');
});

test('evidence stays bounded: a few samples per outcome whatever the number of requests', async () => {
  let n = 0;
  const send: Send = () => Promise.resolve(++n % 3 === 0 ? { status: 500, body: { big: 'x'.repeat(1000) } } : { status: 200, body: { ok: true } });
  const small = await runLoad({ targets: TARGETS, requests: 300, concurrency: 16, send });
  const large = await runLoad({ targets: TARGETS, requests: 30_000, concurrency: 16, send });
  assert.equal(large.completed, 30_000);
  assert.equal(small.samples.length, 6);
  assert.equal(large.samples.length, 6, '3 successes and 3 server errors, not one per request');
  assert.ok(large.timeline.slots().length <= 120);
  assert.ok(large.slowest !== undefined);
});

test('a stop request ends the load before every request is sent', async () => {
  let sent = 0;
  const send: Send = () => { sent += 1; return Promise.resolve({ status: 200 }); };
  const r = await runLoad({ targets: TARGETS, requests: 1000, concurrency: 2, send, shouldStop: () => sent >= 10 });
  assert.ok(r.stopped);
  assert.ok(r.completed < 1000 && r.completed >= 10);
});

test('the run\'s own HTTP client can carry the load, unrecorded', async (t) => {
  const s = await server((_req, n) => (n === 2 ? { status: 429, headers: { 'retry-after': '0' } } : {}));
  const http = new HttpClient({ baseUrl: s.baseUrl });
  t.after(async () => { await http.close(); await s.close(); });
  const r = await runLoad({ targets: TARGETS, requests: 20, concurrency: 4, send: httpClientSender(http) });
  assert.equal(r.outcomes.ok, 20);
  assert.equal(r.retries, 1);
  assert.deepEqual(r.samples[0]?.body, { path: new URL(r.samples[0]?.url ?? '').pathname });
});

test('the target picker rotates operations first so each gets the same share', () => {
  const pick = targetPicker(TARGETS);
  assert.deepEqual(Array.from({ length: 6 }, (_, i) => pick(i).path), ['/providers/aws/environments', '/c/1', '/ix/1', '/providers/aws/environments', '/c/2', '/ix/1']);
  assert.throws(() => targetPicker([]));
});
