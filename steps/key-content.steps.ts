/**
 * Steps for features/activation-key.feature on what an issued key carries (the order, version 1, a UUID of its
 * own) and on the candidate waiting, once it issued a key, for the kit to act first.
 * @packageDocumentation
 */
import { Then, When } from '@cucumber/cucumber';
import { issuerMovesBeforeReceiver, keyOrderMismatches, KEY_FORMAT_VERSION, sharedUuidProblems } from '../src/checks/index.js';
import type { IssuedKey } from '../src/peer/index.js';
import { expectation, peerCallEvidence } from '../src/runner/evidence.js';
import { issuedKeyWindows, peerMove } from './support/key-windows.js';
import { orderedKey } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const OPAQUE = 'the key does not follow the provisional JSON encoding (ERRATA D36), so the kit cannot read what it carries';
const more = new WeakMap<CtkWorld, IssuedKey[]>();

function key(w: CtkWorld): IssuedKey {
  if (w.key === undefined) throw new Error('internal: no key was ordered earlier in this scenario');
  return w.key;
}

Then('the decoded key names the environment, the bandwidth and the account of the order', function (this: CtkWorld) {
  const k = key(this);
  if (!k.decoded.ok) return this.notApplicable('CC-AK-013', OPAQUE, [this.ev(k.exchange)]);
  const order = { environmentId: k.env, bandwidthMbps: k.bandwidthMbps, remoteAccountId: this.ctx.config.kit.accountId };
  const problems = keyOrderMismatches(k.decoded.key, order);
  this.judge('CC-AK-013', problems.length === 0, problems.join('; '),
    [this.ev(k.exchange), expectation(`environment ${order.environmentId}, ${order.bandwidthMbps} Mbps, account ${order.remoteAccountId}`, problems.join('; ') || 'as ordered')]);
  return undefined;
});

Then('the decoded key is version {int} of the key format', function (this: CtkWorld, version: number) {
  if (version !== KEY_FORMAT_VERSION) throw new Error(`internal: the kit checks key version ${KEY_FORMAT_VERSION}, not ${version}`);
  const k = key(this);
  if (!k.decoded.ok) return this.notApplicable('CC-AK-014', OPAQUE, [this.ev(k.exchange)]);
  const { version: got } = k.decoded.key;
  const notes = k.decoded.interpretation.notes;
  this.judge('CC-AK-014', got === version, `the key says version ${got}`, [this.ev(k.exchange), expectation(`version ${version}, for API v1 (D11)`, `version ${got}`)],
    notes.length > 0 ? { interpretation: notes.join('; ') } : {});
  return undefined;
});

When('the customer orders a second connection at the candidate for the kit\'s account', async function (this: CtkWorld) {
  more.set(this, [await orderedKey(this, key(this).bandwidthMbps)]);
});

Then('each key names its connection with a UUID that no other key uses', function (this: CtkWorld) {
  const keys = [key(this), ...(more.get(this) ?? [])];
  const uuids = keys.flatMap((k) => (k.decoded.ok ? [k.decoded.key.sharedConnectionUuid] : []));
  if (uuids.length < keys.length) return this.notApplicable('CC-AK-015', OPAQUE, keys.map((k) => this.ev(k.exchange)));
  const problems = sharedUuidProblems(uuids);
  this.judge('CC-AK-015', problems.length === 0, problems.join('; '),
    [...keys.map((k) => this.ev(k.exchange)), expectation(`${keys.length} different UUIDs (8-4-4-4-12 hex digits, D07)`, problems.join('; ') || uuids.join(', '))]);
  return undefined;
});

function issuerWait(w: CtkWorld): ReturnType<typeof issuerMovesBeforeReceiver> & { keys: number } {
  const windows = issuedKeyWindows(w.ctx.log.between(0));
  return { ...issuerMovesBeforeReceiver(windows, w.ctx.peer.calls().map(peerMove), Date.now()), keys: windows.length };
}

When('the kit leaves the keys the candidate issued unused for a while', async function (this: CtkWorld) {
  const { longestWindowMs, keys } = issuerWait(this);
  if (keys > 0 && longestWindowMs < this.ctx.quietMs) await new Promise((r) => setTimeout(r, this.ctx.quietMs - longestWindowMs));
});

Then('the candidate made no connection request to the kit for a key the kit had not used yet', function (this: CtkWorld) {
  const { early, longestWindowMs, keys } = issuerWait(this);
  if (keys === 0) return this.notApplicable('CC-AK-016', `${OPAQUE.replace('the key does', 'no key the candidate issued does')}, nor which connection it names`);
  const calls = new Map(this.ctx.peer.calls().map((c) => [c.seq, c]));
  const shown = early.slice(0, 3).flatMap((e) => { const c = calls.get(e.move.seq); return c !== undefined ? [peerCallEvidence(c, this.ctx.peer.baseUrl)] : []; });
  const what = early.map((e) => `${e.move.operation} for ${e.uuid}`);
  this.judge('CC-AK-016', early.length === 0, `the candidate acted on ${early.length === 1 ? 'a key' : 'keys'} it issued before the kit did: ${what.slice(0, 3).join('; ')}`,
    [...shown, expectation('no call from the candidate that creates, changes or negotiates the connection of a key it issued, until the kit acts on it',
      early.length === 0 ? `none, over ${keys} key(s), the longest watched ${longestWindowMs} ms unused` : what.join('; '))]);
  return undefined;
});
