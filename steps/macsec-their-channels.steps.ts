/**
 * Steps for features/macsec.feature on the channels the candidate manages, with the candidate as server: the
 * kit may neither add nor delete keys there, may (or may not) read them, and may ask for a rotation.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { randomBytes } from 'node:crypto';
import { declineOf } from '../src/checks/macsec.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation, note } from '../src/runner/evidence.js';
import { channelsManagedBy, judgeDeclines, label, LONG, readKeys, scene, sendKey, sentWith, single, skipScenario, type ManagedChannel } from './support/macsec.js';
import { candidateChannelFree, onChannel, waitRotationDone } from './support/macsec-manager.js';
import type { CtkWorld } from './support/world.js';

const NO_OWN_CHANNELS = 'the candidate manages no channel itself';

Given('a channel the candidate manages', LONG, async function (this: CtkWorld) {
  const theirs = channelsManagedBy(this, 'candidate');
  if (theirs.length === 0) return this.notApplicableAll(NO_OWN_CHANNELS);
  for (const mc of theirs) {
    const r = await readKeys(this, mc);
    scene(this).reads.push({ keys: r.keys ?? [], exchange: r.exchange });
    if (ok(r.exchange) || r.exchange.status === 403) {
      scene(this).channel = mc;
      return undefined;
    }
  }
  const [first] = theirs as [ManagedChannel];
  scene(this).channel = first;
  return undefined;
});

When('the kit sends a new key for that channel, which it does not manage', LONG, async function (this: CtkWorld) {
  await sendKey(this, single(this), 'rotation', 'decline-manager');
});

When('the kit deletes a key of that channel', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  const keys = (await readKeys(this, mc)).keys ?? [];
  const target = keys.find((k) => k.active !== true) ?? keys[0];
  const keyId = target?.id ?? `ctk-absent-${randomBytes(4).toString('hex')}`;
  scene(this).deletes.push({ keyId, wasActive: target?.active === true, exchange: await this.ctx.api.deleteMacSecKey(mc.ix.ref, mc.ch.id, keyId) });
});

Then('the candidate declines the key', function (this: CtkWorld) {
  judgeDeclines(this, 'CC-MS-003', sentWith(this, 'decline-manager'), `key(s) from the kit on ${label(single(this))}, a channel the candidate manages`);
});

Then('it declines the delete', function (this: CtkWorld) {
  const d = scene(this).deletes.at(-1);
  if (d === undefined) throw new Error('internal: no delete was tried earlier in this scenario');
  const made = d.keyId.startsWith('ctk-absent-');
  this.judge('CC-MS-014', declineOf(d.exchange.status).declined, `the candidate accepted DeleteMacSecKey from the kit on ${label(single(this))}, a channel it manages (${answered(d.exchange)})`,
    [this.ev(d.exchange), expectation('a 4xx: only the manager may delete keys', String(d.exchange.status))],
    made ? { interpretation: 'the candidate lists no key on its own channel, so the kit named a key that does not exist: a 404 cannot be told apart from the manager check' } : {});
});

Then('whether the kit may read that channel\'s keys is reported', function (this: CtkWorld) {
  const r = scene(this).reads.at(-1);
  if (r === undefined) {
    this.notApplicable('CC-MS-019', 'no key list was read');
    return;
  }
  const body = r.exchange.responseBody as Record<string, unknown> | undefined;
  const list = body?.['macSecKeys'];
  const plain = Array.isArray(list) && list.some((k: unknown) => typeof k === 'object' && k !== null && 'cak' in k);
  this.judge('CC-MS-019', true, '', [this.ev(r.exchange), ...(plain ? [note('the key list carries cak values (redacted in this report); ERRATA D48: reported, not failed')] : [])],
    { interpretation: ok(r.exchange) ? 'D46: the candidate lets the other provider read the keys of channels it manages' : `D46: the candidate does not let the other provider read them (${r.exchange.status})` });
});

Given('a channel the candidate manages is free to rotate at the kit', function (this: CtkWorld) {
  if (channelsManagedBy(this, 'candidate').length === 0) return this.notApplicableAll(NO_OWN_CHANNELS);
  const mc = candidateChannelFree(this);
  if (mc === undefined) return skipScenario(this, 'no channel the candidate manages is free to rotate at the kit');
  scene(this).channel = mc;
  return undefined;
});

When('the kit asks the candidate to rotate it, once without a reason and once with one', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  this.mark = this.ctx.log.lastSeq;
  this.observed.push(await this.ctx.api.requestMacSecKeyRotation(mc.ix.ref, mc.ch.id));
  this.observed.push(await this.ctx.api.requestMacSecKeyRotation(mc.ix.ref, mc.ch.id, 'interconnect-ctk conformance run'));
});

Then('the candidate accepts both requests', function (this: CtkWorld) {
  const refused = this.observed.filter((e) => !ok(e));
  this.judge('CC-MS-017', refused.length === 0, `the candidate refused ${refused.length} of 2 rotation requests from the kit on ${label(single(this))}, a channel it manages`,
    [...this.observed.map((e) => this.ev(e)), expectation('2xx with and without a reason', this.observed.map((e) => String(e.status)).join(', '))],
    { interpretation: 'D46: the manager-only rule covers CreateMacSecKey and DeleteMacSecKey, not RequestMacSecKeyRotation' });
});

Then('a new key for that channel reaches the kit', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  const call = await this.ctx.peer.waitForCall((c) => onChannel(c, mc, 'CreateMacSecKey'), this.ctx.settleMs, this.mark);
  this.judge('CC-MS-018', call !== undefined, `no CreateMacSecKey for ${label(mc)} reached the kit within ${this.ctx.settleMs} ms of the request`,
    [...this.observed.map((e) => this.ev(e)), expectation('CreateMacSecKey on the channel after RequestMacSecKeyRotation', call !== undefined ? `call #${call.seq}` : 'none')], { rootCauses: ['CC-MS-017'] });
  if (call !== undefined) await waitRotationDone(this, mc, this.mark);
});
