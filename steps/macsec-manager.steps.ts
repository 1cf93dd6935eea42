/**
 * Steps for features/macsec.feature with the candidate as MACsec manager: the kit asks it through the rotation
 * hook to rotate channels it manages and watches the key calls arriving at the kit's peer API. Key material is
 * judged from the calls as received (src/checks/macsec.ts) and shown by fingerprint only.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import {
  keyFingerprint, materialFormatFindings, overlappingRotations, reuseFindings, strengthFindings, type LabelledMaterial,
} from '../src/checks/macsec.js';
import type { PeerCall, SentKeyMaterial } from '../src/peer/types.js';
import { ok } from '../src/peer/negotiator.js';
import type { Evidence } from '../src/report/schema.js';
import { answered, expectation, note, peerCallEvidence } from '../src/runner/evidence.js';
import { channelsManagedBy, label, LONG, scene, single, skipScenario, type ManagedChannel } from './support/macsec.js';
import {
  hookRotate, keyCalls, keyedCandidateChannel, keyedCandidatePair, kitSideKeys, onChannel, quiet, restingCandidateChannel, waitRotationDone,
} from './support/macsec-manager.js';
import type { CtkWorld } from './support/world.js';

const BASE = ['CC-MS-024'];

function calls(w: CtkWorld, mc: ManagedChannel, ...ops: string[]): PeerCall[] {
  return w.ctx.peer.calls(w.mark).filter((c) => onChannel(c, mc, ...ops));
}

function ev(w: CtkWorld, list: readonly PeerCall[], limit = 4): Evidence[] {
  return list.slice(0, limit).map((c) => peerCallEvidence(c, w.ctx.peer.baseUrl));
}

function labelOf(m: SentKeyMaterial): string {
  return `${m.ix}/${m.channel} key ${m.keyId} (call #${m.seq})`;
}

function materialTable(list: readonly SentKeyMaterial[]): Evidence {
  const digits = (v: unknown): string => (typeof v === 'string' ? String(v.length) : 'absent');
  return {
    kind: 'table', title: 'Keys the candidate sent the kit (fingerprints: first 8 hex digits of the SHA-256)',
    columns: ['call', 'channel', 'key id', 'CAK fingerprint', 'CAK digits', 'CKN fingerprint', 'CKN digits', 'kit answered'],
    rows: list.slice(0, 20).map((m) => [`#${m.seq}`, `${m.ix}/${m.channel}`, m.keyId, keyFingerprint(m.cak), digits(m.cak), keyFingerprint(m.ckn), digits(m.ckn), String(m.status)]),
  };
}

function kitKeysTable(w: CtkWorld, mc: ManagedChannel): Evidence {
  return { kind: 'table', title: `Keys the kit holds on ${label(mc)}`, columns: ['key id', 'active', 'first key', 'accepted at'], rows: kitSideKeys(w, mc).map((k) => [k.id, String(k.active), String(k.initial), String(k.startTime)]) };
}

Given('a channel the candidate manages holds a key it installed at the kit', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'candidate').length === 0) return this.notApplicableAll('the candidate manages no channel, so it never rotates one');
  scene(this).channel = await keyedCandidateChannel(this);
  return undefined;
});

When('the customer asks the candidate to rotate that channel\'s key', LONG, async function (this: CtkWorld) {
  const mc = single(this);
  this.mark = this.ctx.log.lastSeq;
  const hook = await hookRotate(this, mc);
  if (!ok(hook)) return skipScenario(this, `the candidate's rotation hook refused to rotate ${label(mc)} (${answered(hook)})`);
  await waitRotationDone(this, mc, this.mark);
  await quiet(this);
  return undefined;
});

Then('the candidate installs a new key at the kit with CreateMacSecKey', function (this: CtkWorld) {
  const creates = calls(this, single(this), 'CreateMacSecKey');
  this.judge('CC-MS-024', creates.length > 0, `no CreateMacSecKey for ${label(single(this))} reached the kit within ${this.ctx.settleMs} ms after the hook answered ${scene(this).hooks.at(-1)?.status ?? '?'}`,
    [...ev(this, creates, 2), ...scene(this).hooks.slice(-1).map((e) => this.ev(e))], { hard: true });
});

Then('every key it sent suits MKA, is fresh and is not low in entropy', function (this: CtkWorld) {
  const all = this.ctx.peer.sentKeyMaterial(0);
  const table = materialTable(all);
  const format = all.flatMap((m) => materialFormatFindings(m).map((f) => `${labelOf(m)}: ${f.detail}`));
  this.judge('CC-MS-030', all.length > 0 && format.length === 0, format.slice(0, 3).join('; ') || 'no key was sent', [expectation('CAK of 32 or 64 hex digits; CKN of an even number of hex digits, at most 64', format.length === 0 ? `${all.length} key(s) as expected` : `${format.length} problem(s)`), table], { rootCauses: BASE });
  const labelled: LabelledMaterial[] = all.map((m) => ({ label: labelOf(m), cak: m.cak, ckn: m.ckn }));
  const reused = reuseFindings(labelled);
  this.judge('CC-MS-031', all.length > 0 && reused.length === 0, reused.slice(0, 3).map((f) => f.detail).join('; ') || 'no key was sent', [expectation('fresh material in every key, on every channel', reused.length === 0 ? `${all.length} distinct key(s)` : `${reused.length} reuse(s)`), table], { rootCauses: BASE });
  const weak = all.flatMap((m) => strengthFindings(m).map((f) => `${labelOf(m)}: ${f.detail}`));
  this.judge('CC-MS-032', all.length > 0 && weak.length === 0, weak.slice(0, 3).join('; ') || 'no key was sent', [expectation('no repeated, patterned or counting digits; the CKN unlike the CAK', weak.length === 0 ? 'as expected' : `${weak.length} weak key(s)`), table],
    { interpretation: 'a heuristic: it catches patterned keys, it cannot prove randomness', rootCauses: [...BASE, 'CC-MS-030'] });
});

Then('once the new key is active the candidate removes the old key from the kit', function (this: CtkWorld) {
  const mc = single(this);
  const create = calls(this, mc, 'CreateMacSecKey').find((c) => c.status >= 200 && c.status <= 299);
  const keys = kitSideKeys(this, mc);
  const done = create !== undefined && keys.length === 1 && keys[0]?.id === create.query['macSecKeyId'] && keys[0]?.active === true;
  this.judge('CC-MS-026', done, create === undefined ? 'the kit accepted no new key' : `the kit still holds ${keys.length} key(s) on ${label(mc)} ${this.ctx.settleMs} ms after the new key went live`,
    [kitKeysTable(this, mc), ...ev(this, calls(this, mc, 'CreateMacSecKey', 'DeleteMacSecKey'))], { rootCauses: [...BASE, 'CC-MS-030'] });
});

function showsActive(c: PeerCall, keyId: string): boolean {
  const body = c.responseBody as Record<string, unknown> | undefined;
  if (c.operation === 'GetMacSecKey') return c.params['macSecKey'] === keyId && body?.['active'] === true;
  const list = body?.['macSecKeys'];
  return Array.isArray(list) && list.some((k: unknown) => {
    const r = k as Record<string, unknown>;
    return typeof r['name'] === 'string' && r['name'].endsWith(`/${keyId}`) && r['active'] === true;
  });
}

Then('it removed the old key only after the kit showed the new key active', function (this: CtkWorld) {
  const mc = single(this);
  const all = calls(this, mc, 'CreateMacSecKey', 'DeleteMacSecKey', 'GetMacSecKey', 'ListMacSecKeys');
  const create = all.find((c) => c.operation === 'CreateMacSecKey' && c.status >= 200 && c.status <= 299);
  const del = all.find((c) => c.operation === 'DeleteMacSecKey' && create !== undefined && c.seq > create.seq);
  if (create === undefined || del === undefined) {
    this.judge('CC-MS-025', false, 'the candidate deleted no old key to judge', ev(this, all), { rootCauses: [...BASE, 'CC-MS-026'] });
    return;
  }
  const keyId = create.query['macSecKeyId'] ?? '';
  const seen = all.find((c) => c.seq > create.seq && c.seq < del.seq && showsActive(c, keyId));
  this.judge('CC-MS-025', seen !== undefined, `the candidate sent DeleteMacSecKey (call #${del.seq}) before the kit had shown key ${keyId} active to it`,
    [...ev(this, [create, ...(seen !== undefined ? [seen] : []), del]), expectation('GetMacSecKey or ListMacSecKeys showing the new key active before the delete', seen !== undefined ? `call #${seen.seq}` : 'no such read')],
    { interpretation: 'D47: the manager learns activation only by reading the receiver\'s key' });
});

Given('two channels the candidate manages on one interconnect hold keys it installed at the kit', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'candidate').length < 2) return this.notApplicableAll('the candidate manages fewer than two channels');
  const [a, b] = await keyedCandidatePair(this);
  scene(this).channel = a;
  scene(this).other = b;
  return undefined;
});

When('the customer asks the candidate to rotate both at once', LONG, async function (this: CtkWorld) {
  const pair = [single(this), scene(this).other!];
  scene(this).before = new Map(single(this).ix.channels.map((ch) => [ch.id, this.ctx.peer.macSecKeys(single(this).ix.ref.env, single(this).ix.id, ch.id).length]));
  this.mark = this.ctx.log.lastSeq;
  const hooks = await Promise.all(pair.map((mc) => hookRotate(this, mc)));
  for (const [i, mc] of pair.entries()) if (ok(hooks[i]!)) await waitRotationDone(this, mc, this.mark);
  await quiet(this);
});

Then('the candidate never had two channels of the interconnect in rotation at the kit', function (this: CtkWorld) {
  const ix = single(this).ix;
  const replay = keyCalls(this, ix.id, this.mark);
  const overlaps = overlappingRotations(scene(this).before, replay);
  const creates = replay.filter((c) => c.op === 'create');
  const shown = this.ctx.peer.calls(this.mark).filter((c) => c.operation === 'CreateMacSecKey' || c.operation === 'DeleteMacSecKey');
  this.judge('CC-MS-027', creates.length > 0 && overlaps.length === 0,
    creates.length === 0 ? 'the candidate rotated neither channel' : overlaps.map((o) => `call #${o.seq} started a rotation of ${o.channel} while ${o.inRotation.join(', ')} held two keys`).join('; '),
    [...ev(this, shown, 6), expectation('one channel of the interconnect in rotation (holding two keys) at a time', overlaps.length === 0 ? 'as expected' : `${overlaps.length} overlap(s)`),
      ...scene(this).hooks.slice(-2).map((e) => this.ev(e))],
    { interpretation: 'D31: in rotation = the channel holds two keys at the kit; first keys may go in parallel', rootCauses: [...BASE, 'CC-MS-026'] });
});

Given('a channel the candidate rotated at the kit less than two hours ago', LONG, async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'candidate').length === 0) return this.notApplicableAll('the candidate manages no channel, so it never rotates one');
  scene(this).channel = await restingCandidateChannel(this);
  return undefined;
});

When('the customer asks the candidate to rotate that channel\'s key again', LONG, async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  await hookRotate(this, single(this));
  await this.quietPeriod();
  await quiet(this);
});

Then('the candidate sends the kit no new key for that channel', function (this: CtkWorld) {
  const creates = calls(this, single(this), 'CreateMacSecKey');
  const hook = scene(this).hooks.at(-1);
  this.judge('CC-MS-029', creates.length === 0, `the candidate sent ${creates.length} new key(s) for ${label(single(this))} inside its 2-hour bake time`,
    [...ev(this, creates, 2), kitKeysTable(this, single(this)), ...(hook !== undefined ? [this.ev(hook), note(`the rotation hook answered ${hook.status}`)] : [])],
    { interpretation: 'D30: the bake time runs from the start of the newest key on the channel' });
});

When('the customer asks the candidate to rotate a channel the kit manages', LONG, async function (this: CtkWorld) {
  const mine = channelsManagedBy(this, 'kit');
  if (mine.length === 0) return this.notApplicableAll('the kit manages no channel of the candidate');
  this.requireHook('macsec-rotations');
  const [mc] = mine as [ManagedChannel];
  scene(this).channel = mc;
  this.mark = this.ctx.log.lastSeq;
  await hookRotate(this, mc);
  await this.quietPeriod();
  await quiet(this);
  return undefined;
});

Then('the candidate neither sent nor deleted a key on a channel the kit manages', function (this: CtkWorld) {
  const mine = new Set(channelsManagedBy(this, 'kit').map((mc) => label(mc)));
  const wrong = this.ctx.peer.calls(0).filter((c) => (c.operation === 'CreateMacSecKey' || c.operation === 'DeleteMacSecKey') && mine.has(`${c.params['interconnect'] ?? ''}/${c.params['channel'] ?? ''}`));
  const hook = scene(this).hooks.at(-1);
  this.judge('CC-MS-028', wrong.length === 0, `the candidate sent ${wrong.map((c) => `${c.operation} on ${c.params['interconnect'] ?? ''}/${c.params['channel'] ?? ''}`).join(', ')}, on channel(s) the kit manages`,
    [...ev(this, wrong, 3), ...(hook !== undefined ? [this.ev(hook)] : []), expectation('no CreateMacSecKey or DeleteMacSecKey from the candidate on a channel the kit manages, in the whole run', `${wrong.length} such call(s)`)],
    { interpretation: 'D46: the manager-only rule covers CreateMacSecKey and DeleteMacSecKey' });
});

Then('a rotation request the candidate forwards instead reaches the kit', function (this: CtkWorld) {
  const forwarded = calls(this, single(this), 'RequestMacSecKeyRotation');
  const hook = scene(this).hooks.at(-1);
  if (forwarded.length === 0) {
    this.notApplicable('CC-MS-035', `the candidate did not forward the customer's request to the kit (its hook answered ${hook?.status ?? '?'}); it need not`, hook !== undefined ? [this.ev(hook)] : []);
    return;
  }
  this.judge('CC-MS-035', true, '', ev(this, forwarded, 1), { interpretation: 'the candidate forwards rotations of channels it does not manage as RequestMacSecKeyRotation' });
});

Given('the kit will refuse the next key the candidate sends', function (this: CtkWorld) {
  this.ctx.peer.misbehave({ operation: 'CreateMacSecKey', times: 1, status: 409, body: { error: { code: 409, message: 'the kit refuses this key on purpose (interconnect-ctk)', status: 'ABORTED' } } });
});

Then('the candidate neither falls back to old or empty key material nor deletes the active key', function (this: CtkWorld) {
  const mc = single(this);
  const creates = calls(this, mc, 'CreateMacSecKey');
  const refused = creates[0];
  if (refused === undefined) {
    this.judge('CC-MS-033', false, `the candidate sent no key for ${label(mc)} to refuse`, [], { rootCauses: BASE });
    return;
  }
  const material = this.ctx.peer.sentKeyMaterial(0);
  const later = material.filter((m) => m.seq > refused.seq && m.ix === mc.ix.id && m.channel === mc.ch.id);
  const empty = later.filter((m) => typeof m.cak !== 'string' || m.cak === '' || typeof m.ckn !== 'string' || m.ckn === '');
  const reused = reuseFindings(material.map((m) => ({ label: labelOf(m), cak: m.cak, ckn: m.ckn }))).filter((f) => later.some((m) => labelOf(m) === f.label));
  const accepted = creates.filter((c) => c.seq > refused.seq && c.status >= 200 && c.status <= 299);
  const deletes = calls(this, mc, 'DeleteMacSecKey').filter((c) => c.seq > refused.seq && !accepted.some((x) => x.seq < c.seq));
  const problems = [...empty.map((m) => `${labelOf(m)} carries empty or no key material`), ...reused.map((f) => f.detail), ...deletes.map((c) => `DeleteMacSecKey (call #${c.seq}) of the key still in use`)];
  this.judge('CC-MS-033', problems.length === 0, problems.slice(0, 3).join('; '),
    [...ev(this, [refused, ...creates.slice(1), ...deletes], 4), materialTable(material.filter((m) => m.seq >= refused.seq)), expectation('after the refusal: no retry with reused or empty material, no delete before a new key is in place; a retry with fresh material is allowed', problems.length === 0 ? 'as expected' : `${problems.length} problem(s)`)],
    { interpretation: 'fail closed: only the calls after the refusal are judged; the data plane is invisible to the kit', rootCauses: BASE });
});
