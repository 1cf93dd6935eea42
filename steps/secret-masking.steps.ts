/**
 * Steps for features/secret-masking.feature: the kit sends a secret of its own (a MACsec CAK, a BGP MD5 password),
 * reads the resource back and looks for the secret in every answer (src/checks/secret-echo.ts). The secret stays
 * in this scenario's memory; evidence carries exchanges as the log redacted them, scrubbed once more of the secret.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { scrubSecret, secretEchoes } from '../src/checks/index.js';
import { ok, proposeFeature } from '../src/peer/negotiator.js';
import { redactedPlaceholder } from '../src/report/index.js';
import { expectation } from '../src/runner/evidence.js';
import {
  channelsManagedBy, finishRotation, freshMaterial, kitChannelStates, label, readyKitChannel, refusedRotation, sendKey, type ManagedChannel,
} from './support/macsec.js';
import { baseProposal } from './support/rules.js';
import type { CtkWorld } from './support/world.js';

/** What a scenario sent: the secret (in memory only) and, for MACsec, where the key went. */
interface Sent {
  secret: string;
  mc?: ManagedChannel;
  kind?: 'first' | 'rotation';
  keyId?: string;
}

const sent = new WeakMap<CtkWorld, Sent>();

function scene(w: CtkWorld): Sent {
  const s = sent.get(w);
  if (s === undefined) throw new Error('internal: no secret was sent earlier in this scenario');
  return s;
}

Given('a channel the kit manages that can take a key now', async function (this: CtkWorld) {
  if (channelsManagedBy(this, 'kit').length === 0) return this.notApplicableAll('the candidate manages every channel itself, so the kit never sends it a CAK (see CC-MS-023)');
  const states = await kitChannelStates(this);
  const empty = states.find((s) => s.state === 'empty' && !states.some((o) => o.mc.ix.id === s.mc.ix.id && o.state === 'in-rotation'));
  sent.set(this, empty !== undefined ? { secret: '', mc: empty.mc, kind: 'first' } : { secret: '', mc: await readyKitChannel(this), kind: 'rotation' });
  return undefined;
});

When('the kit installs a key of its own on that channel', async function (this: CtkWorld) {
  const s = scene(this);
  const mc = s.mc!;
  const material = freshMaterial();
  const key = await sendKey(this, mc, s.kind ?? 'rotation', 'accept', material);
  this.observed.push(key.exchange);
  if (!ok(key.exchange)) {
    if (s.kind === 'first') this.blockedBy('CC-MS-001', `the candidate refused a first key on ${label(mc)}, a channel the kit manages`, [this.ev(key.exchange)]);
    await refusedRotation(this, mc, key);
  }
  s.secret = material.cak;
  s.keyId = key.keyId;
});

When('the kit reads the key back, alone and in the channel\'s list', async function (this: CtkWorld) {
  const s = scene(this);
  const { ix, ch } = s.mc!;
  this.observed.push(await this.ctx.api.getMacSecKey(ix.ref, ch.id, s.keyId ?? ''), await this.ctx.api.listMacSecKeys(ix.ref, ch.id));
  if (s.kind === 'rotation') await finishRotation(this, s.mc!);
});

When('the kit proposes a feature whose BGP sessions are protected by an MD5 password of its own', async function (this: CtkWorld) {
  const { ch, config } = await baseProposal(this, 0);
  const secret = `ctk-${randomBytes(12).toString('hex')}`;
  const f = await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, { ...config, md5BgpPassword: secret });
  if (!ok(f.exchange)) this.blockedBy('CC-NEG-038', 'the candidate refused a feature carrying an MD5 BGP password', [this.ev(f.exchange)]);
  this.features.push(f);
  this.observed.push(f.exchange);
  sent.set(this, { secret });
});

When('the kit reads the feature back, alone and in the connection\'s list', async function (this: CtkWorld) {
  const f = this.features.at(-1)!;
  this.observed.push(await this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id), await this.ctx.api.listFeatures(this.conn.ref, this.conn.id));
});

/** Judges that no answer of the scenario holds the secret, naming the field where one does, never the value. */
function judgeNoEcho(w: CtkWorld, id: string, what: string): void {
  const { secret } = scene(w);
  const placeholder = redactedPlaceholder(secret);
  const forms = [...new Set([secret, secret.toLowerCase(), secret.toUpperCase()])].map((v) => redactedPlaceholder(v));
  const echoes = w.observed.map((e) => ({ e, paths: secretEchoes(e.responseBody, secret, forms) })).filter((x) => x.paths.length > 0);
  const lines = echoes.map((x) => `${x.e.operation} field ${x.paths.join(', ')}`);
  const shown = (echoes.length > 0 ? echoes.map((x) => x.e) : w.observed).slice(0, 3);
  w.judge(id, echoes.length === 0, `the ${what} the kit sent came back in plain text in ${lines.join('; ')}`, [
    ...shown.map((e) => scrubSecret(w.ev(e), secret, placeholder)),
    expectation(`the ${what} left out or masked in every answer (D48); the kit sent the one fingerprinted ${placeholder}`,
      echoes.length === 0 ? `left out or masked in all ${w.observed.length} answers` : `given back in ${lines.join('; ')}`),
  ]);
}

Then('no answer gives back the CAK the kit sent in plain text', function (this: CtkWorld) { judgeNoEcho(this, 'CC-SEC-010', 'CAK'); });

Then('no answer gives back the MD5 password the kit sent in plain text', function (this: CtkWorld) { judgeNoEcho(this, 'CC-SEC-011', 'MD5 password'); });
