/**
 * Steps for features/activation-key.feature: the kit confirms keys the candidate issued.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { randomBytes } from 'node:crypto';
import { tamperActivationKey, type ActivationKeyField } from '../src/checks/index.js';
import { confirmKey, ok } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { environment, offeredSizes, orderedKey, roomiest, place, sharedUuid, until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

function key(w: CtkWorld): NonNullable<CtkWorld['key']> {
  if (w.key === undefined) throw new Error('internal: no key was ordered earlier in this scenario');
  return w.key;
}

async function confirmInto(w: CtkWorld, env: string, body: unknown): Promise<void> {
  w.observed.push((await confirmKey(w.ctx.api, env, body)).exchange);
}

function keyValidOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['keyValid'] : undefined;
}

Given('a customer ordered a connection at the candidate for the kit\'s account', async function (this: CtkWorld) {
  this.key = await orderedKey(this);
});

Then('the activation key is base64 text of the key\'s JSON fields', function (this: CtkWorld) {
  const k = key(this);
  const d = k.decoded;
  if (!d.ok) {
    this.judge('CC-AK-011', false, `the key is not base64 of a JSON ActivationKey (${d.stage}: ${d.problem})`, [this.ev(k.exchange)]);
    return;
  }
  const i = d.interpretation;
  this.judge('CC-AK-011', true, '', [this.ev(k.exchange), expectation('base64 of a JSON ActivationKey', 'decodes with the five ActivationKey fields')],
    { interpretation: `D36: ${i.alphabet} base64, ${i.padded ? 'padded' : 'unpadded'}, JSON ActivationKey${i.extraFields.length > 0 ? ` plus ${i.extraFields.join(', ')}` : ''}` });
});

When('the kit confirms the key with the candidate', async function (this: CtkWorld) {
  await confirmInto(this, key(this).env, { encodedKey: key(this).encodedKey });
});

When('the kit confirms the key with the candidate twice', async function (this: CtkWorld) {
  await confirmInto(this, key(this).env, { encodedKey: key(this).encodedKey });
  await confirmInto(this, key(this).env, { encodedKey: key(this).encodedKey });
});

Then('the candidate says the key is valid', async function (this: CtkWorld) {
  const e = this.observed.at(-1);
  if (e === undefined) throw new Error('internal: nothing was confirmed');
  const k = key(this);
  if (e.status === 200 && keyValidOf(e.responseBody) === true) {
    this.judge('CC-AK-009', true, '', [this.ev(e)]);
    this.judge('CC-AK-002', true, '', [this.ev(e)]);
    return;
  }
  // Root cause first: does the candidate confirm the same key through the deprecated `key` object (ERRATA D37)?
  const viaKey = k.decoded.ok ? await confirmKey(this.ctx.api, k.env, { key: k.decoded.key }) : undefined;
  const deprecatedWorks = viaKey?.keyValid === true;
  const evidence = [this.ev(e), expectation('HTTP 200 {"keyValid":true} for the key sent as encodedKey', answered(e)), ...(viaKey !== undefined ? [this.ev(viaKey.exchange)] : [])];
  if (deprecatedWorks) {
    this.judge('CC-AK-009', false, 'the key is confirmed only when sent in the deprecated `key` field, not as encodedKey', evidence);
    this.judge('CC-AK-002', true, '', evidence, { interpretation: 'confirmed only through the deprecated key field' });
  } else {
    this.judge('CC-AK-002', false, 'the genuine key it issued was not confirmed', evidence);
    this.judge('CC-AK-009', false, 'the genuine key sent as encodedKey was not confirmed', evidence, { rootCauses: ['CC-AK-002'] });
  }
});

Then('the candidate says the key is valid both times', function (this: CtkWorld) {
  const bad = this.observed.filter((e) => !(e.status === 200 && keyValidOf(e.responseBody) === true));
  this.judge('CC-AK-012', bad.length === 0, 'a repeated confirmation of an unused genuine key was not answered true', this.observed.map((e) => this.ev(e)), { rootCauses: ['CC-AK-009', 'CC-AK-002'] });
});

Given('the kit used the key to place the connection', async function (this: CtkWorld) {
  const k = await confirmedKeyOf(this);
  const { ix } = await roomiest(this);
  const conn = await place(this, k, ix);
  if (!ok(conn.exchange)) this.blockedBy('CC-NEG-001', 'the candidate refused a connection on an interconnect with room', [this.ev(conn.exchange)]);
});

async function confirmedKeyOf(w: CtkWorld): Promise<NonNullable<CtkWorld['key']>> {
  const k = key(w);
  const r = await confirmKey(w.ctx.api, k.env, { encodedKey: k.encodedKey });
  if (r.keyValid !== true) w.blockedBy('CC-AK-002', 'the candidate did not confirm the genuine key it issued', [w.ev(r.exchange)], ['CC-AK-009']);
  return k;
}

Given('the customer deleted the order at the candidate', async function (this: CtkWorld) {
  this.requireHook('delete-connection');
  const e = await this.ctx.hooks!.deleteConnection(sharedUuid(this, key(this)));
  if (!ok(e)) {
    this.stop = { reason: `the candidate's delete hook did not accept the customer's delete (${answered(e)})`, skip: true };
    throw new Error(this.stop.reason);
  }
});

Then('the candidate refuses the key, as {requirement} requires', async function (this: CtkWorld, id: string) {
  let e = this.observed.at(-1);
  if (e === undefined) throw new Error('internal: nothing was confirmed');
  if (id === 'CC-AK-005') {
    // The delete hook works asynchronously (202): give the candidate the settle window to invalidate the key.
    const k = key(this);
    e = (await until(this.ctx.settleMs, async () => {
      const r = await confirmKey(this.ctx.api, k.env, { encodedKey: k.encodedKey });
      return r.keyValid === true ? undefined : r.exchange;
    })) ?? e;
  }
  const refusedFalse = e.status === 200 && keyValidOf(e.responseBody) === false;
  const refused4xx = e.status >= 400 && e.status <= 499;
  this.judge(id, refusedFalse || refused4xx, `the key was not refused (${answered(e)})`, [this.ev(e), expectation('HTTP 200 {"keyValid":false} or a 4xx refusal', answered(e))],
    { interpretation: `D35: refused with ${refusedFalse ? 'keyValid=false' : refused4xx ? `HTTP ${e.status}` : 'neither'}` });
});

When('the kit confirms the key with its {word} altered', async function (this: CtkWorld, field: string) {
  const k = key(this);
  const t = tamperActivationKey(k.encodedKey, field as ActivationKeyField);
  if (!t.ok) this.blockedBy('CC-AK-011', `the key cannot be altered for the test: ${t.problem}`, [this.ev(k.exchange)]);
  await confirmInto(this, k.env, { encodedKey: t.text });
});

When('the kit confirms the key in an environment it was not issued for', async function (this: CtkWorld) {
  const k = key(this);
  const other = this.ctx.topology.environments.find((e) => e.id !== k.env)?.id ?? 'ctk-no-such-environment';
  await confirmInto(this, other, { encodedKey: k.encodedKey });
});

const BAD_KEYS: Readonly<Record<string, () => string>> = {
  garbage: () => Buffer.from('{"not":"an activation key"}').toString('base64'),
  empty: () => '',
  'non-base64': () => '%%% this is not base64 %%%',
  oversize: () => Buffer.from(JSON.stringify({ sharedConnectionUuid: randomBytes(48 * 1024).toString('hex') })).toString('base64'),
};

When('the kit asks the candidate to confirm a {word} key', async function (this: CtkWorld, kind: string) {
  const make = BAD_KEYS[kind];
  if (make === undefined) throw new Error(`internal: unknown bad key kind ${kind}`);
  await confirmInto(this, key(this).env, { encodedKey: make() });
});

Then('the candidate refuses the key without a server error, as {requirement} requires', function (this: CtkWorld, id: string) {
  const e = this.observed.at(-1);
  if (e === undefined) throw new Error('internal: nothing was confirmed');
  const good = (e.status === 200 && keyValidOf(e.responseBody) === false) || (e.status >= 400 && e.status <= 499);
  this.judge(id, good, `a malformed key was not refused cleanly (${answered(e)})`, [this.ev(e), expectation('HTTP 200 {"keyValid":false} or 4xx, never 5xx', answered(e))]);
});

When('a customer orders a connection at the candidate with a bandwidth the environment does not offer', async function (this: CtkWorld) {
  this.requireHook('activation-keys');
  const env = environment(this);
  const biggest = Math.max(...offeredSizes(env), ...env.interconnects.map((i) => i.maxBandwidthMbps), 1);
  this.observed.push(await this.ctx.hooks!.issueActivationKey(env.id, biggest * 10 + 7, this.ctx.config.kit.accountId));
});

Then('the candidate refuses to issue the key', function (this: CtkWorld) {
  const e = this.observed.at(-1);
  if (e === undefined) throw new Error('internal: nothing was ordered');
  this.judge('CC-AK-001', e.status >= 400 && e.status <= 499, `a key was issued or the order failed with a server error (${answered(e)})`, [this.ev(e), expectation('a 4xx refusal from the activation-keys hook', answered(e))]);
});

