import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signerFor, verifyRequest, type Credentials, type ReceivedRequest } from './credentials.js';

const SIGV4: Credentials = { type: 'sigv4', region: 'us-east-1', service: 'interconnect', accessKeyId: 'AKIDCTKTEST', secretAccessKey: 'ctk-test-secret' };
const BEARER: Credentials = { type: 'bearer', token: 'ctk-test-token' };
const URL_TEXT = 'http://127.0.0.1:4000/cc/v1/providers/acme/environments/env-1/interconnects?pageSize=5';

/** Signs a request with `c` and returns it as a server would receive it. */
async function received(c: Credentials, body = '{"a":1}', at?: Date): Promise<ReceivedRequest> {
  const url = new URL(URL_TEXT);
  const headers = await signerFor(c, at === undefined ? undefined : () => at)({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body });
  return { method: 'POST', url: url.pathname + url.search, headers: { ...headers, host: url.host }, body };
}

test('with no credentials configured every request is accepted', async () => {
  assert.deepEqual(await verifyRequest({ type: 'none' }, { method: 'GET', url: '/', headers: {}, body: '' }), { ok: true, scheme: 'none' });
});

test('a bearer token is accepted only when it is the configured one', async () => {
  assert.equal((await verifyRequest(BEARER, await received(BEARER))).ok, true);
  const wrong = await verifyRequest(BEARER, await received({ type: 'bearer', token: 'other' }));
  assert.deepEqual(wrong.ok ? null : [wrong.status, wrong.problem], [403, 'wrong-token']);
  const missing = await verifyRequest(BEARER, { method: 'GET', url: '/', headers: {}, body: '' });
  assert.deepEqual(missing.ok ? null : [missing.status, missing.problem], [401, 'missing']);
  const basic = await verifyRequest(BEARER, { method: 'GET', url: '/', headers: { authorization: 'Basic abc' }, body: '' });
  assert.deepEqual(basic.ok ? null : [basic.status, basic.problem], [401, 'wrong-scheme']);
});

test('a SigV4 signature made with the configured key verifies', async () => {
  const r = await received(SIGV4);
  assert.deepEqual(await verifyRequest(SIGV4, r), { ok: true, scheme: 'sigv4' });
  assert.deepEqual(await verifyRequest(SIGV4, await received(SIGV4, '')), { ok: true, scheme: 'sigv4' });
});

test('a SigV4 signature is refused for a wrong secret, key id, scope or time, and for a changed request', async () => {
  const problem = async (c: Credentials, r: ReceivedRequest | Promise<ReceivedRequest>): Promise<string> => {
    const out = await verifyRequest(c, await r);
    return out.ok ? 'accepted' : `${out.status} ${out.problem}`;
  };
  assert.equal(await problem(SIGV4, received({ ...SIGV4, secretAccessKey: 'guessed' })), '403 bad-signature');
  assert.equal(await problem(SIGV4, received({ ...SIGV4, accessKeyId: 'AKIDOTHER' })), '403 unknown-key');
  assert.equal(await problem(SIGV4, received({ ...SIGV4, region: 'eu-west-1' })), '403 wrong-scope');
  assert.equal(await problem(SIGV4, received(SIGV4, '{"a":1}', new Date(Date.now() - 20 * 60 * 1000))), '403 stale');
  const good = await received(SIGV4);
  assert.equal(await problem(SIGV4, { ...good, body: '{"a":2}' }), '403 bad-signature');
  assert.equal(await problem(SIGV4, { ...good, url: good.url.replace('pageSize=5', 'pageSize=6') }), '403 bad-signature');
  assert.equal(await problem(SIGV4, { ...good, method: 'PUT' }), '403 bad-signature');
  assert.equal(await problem(SIGV4, { ...good, headers: {} }), '401 missing');
  assert.equal(await problem(SIGV4, await received(BEARER)), '401 wrong-scheme');
  assert.equal(await problem(SIGV4, { ...good, headers: { ...good.headers, authorization: 'AWS4-HMAC-SHA256 nonsense' } }), '403 malformed');
});

test('no refusal reason repeats the secret it checked', async () => {
  for (const [c, r] of [[BEARER, received({ type: 'bearer', token: 'ctk-test-token-x' })], [SIGV4, received({ ...SIGV4, secretAccessKey: 'x' })]] as const) {
    const out = await verifyRequest(c, await r);
    assert.ok(!out.ok);
    if (!out.ok) assert.ok(!out.reason.includes('ctk-test-token') && !out.reason.includes('ctk-test-secret'), out.reason);
  }
});
