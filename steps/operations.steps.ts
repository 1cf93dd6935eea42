/**
 * Steps for the schema-rules scenario that calls every documented operation once on resources that exist
 * (CC-SCH-015). The judgement is src/checks/operations.ts; the list of operations comes from spec/openapi.yaml.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { uncalledOperations, unimplementedAnswers, type OperationCall } from '../src/checks/index.js';
import type { Exchange } from '../src/client/index.js';
import { ok } from '../src/peer/negotiator.js';
import { expectation } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { operations, readSpecDocument } from '../src/spec/index.js';
import { featureBody } from './support/feature-checks.js';
import { fileIssue, issueRequest } from './support/issues.js';
import { FIRST_KEY_PREFIX, freshMaterial, kitChannelStates, readKeys, type ManagedChannel } from './support/macsec.js';
import { channelsOf } from './support/rules.js';
import { environment } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

/** Every operationId of the encoded spec, in document order. */
const DOCUMENTED: readonly string[] = operations(readSpecDocument()).map((o) => o.operationId);

/** Calls of this scenario made on a resource the kit could not make sure exists (a 404 is then a fair answer). */
const unsure = new WeakMap<CtkWorld, Set<number>>();

function record(w: CtkWorld, e: Exchange, exists = true): Exchange {
  w.observed.push(e);
  if (!exists) unsure.set(w, (unsure.get(w) ?? new Set()).add(e.seq));
  return e;
}

async function staticOperations(w: CtkWorld, mc: ManagedChannel): Promise<void> {
  const api = w.ctx.api;
  const env = w.conn.ref.env;
  const ref = mc.ix.ref;
  for (const e of [
    await api.listProviders(), await api.getProvider(), await api.listEnvironments(), await api.getEnvironment(env),
    await api.confirmActivationKey(env, { encodedKey: w.key?.encodedKey ?? '' }),
    await api.listInterconnects(env), await api.getInterconnect(ref), await api.listChannels(ref), await api.getChannel(ref, mc.ch.id),
    await api.notifyMaintenance(ref, mc.ch.id), await api.getMaintenanceEvents(ref, mc.ch.id), await api.requestMacSecKeyRotation(ref, mc.ch.id),
  ]) record(w, e);
}

/**
 * The MACsec key operations on `mc`: a key the channel holds is read, offered again under its own id (a duplicate,
 * so nothing changes) and deleted (refused while active); an empty channel the kit manages first gets a first key.
 */
async function macsecOperations(w: CtkWorld, mc: ManagedChannel, kitManages: boolean): Promise<void> {
  const api = w.ctx.api;
  const ref = mc.ix.ref;
  const listed = await readKeys(w, mc);
  record(w, listed.exchange);
  let keyId = listed.keys?.[0]?.id;
  if (keyId !== undefined) {
    record(w, await api.createMacSecKey(ref, mc.ch.id, keyId, freshMaterial()));
  } else {
    const id = `${FIRST_KEY_PREFIX}${randomBytes(4).toString('hex')}`;
    const created = record(w, await api.createMacSecKey(ref, mc.ch.id, id, freshMaterial()));
    if (kitManages && ok(created)) keyId = id;
  }
  const target = keyId ?? `ctk-no-such-key-${randomBytes(4).toString('hex')}`;
  record(w, await api.getMacSecKey(ref, mc.ch.id, target), keyId !== undefined);
  record(w, await api.deleteMacSecKey(ref, mc.ch.id, target), keyId !== undefined);
}

async function connectionOperations(w: CtkWorld): Promise<void> {
  const api = w.ctx.api;
  const { ref, id, bandwidthMbps } = w.conn;
  const f = w.features[0];
  if (f === undefined) throw new Error('internal: no feature was accepted earlier in this scenario');
  const ch = channelsOf(w).find((c) => c.id === f.channelId);
  record(w, await api.listFeatures(ref, id));
  record(w, await api.getFeature(ref, id, f.id));
  record(w, await api.createFeature(ref, id, f.id, featureBody(ch?.name ?? f.channelId, f.config)));
  record(w, await api.deleteFeature(ref, id, f.id));
  record(w, await api.generateFeatureGuidance(ref, id));
  record(w, await api.notifyConnectionStatus(ref, id));
  record(w, await api.updateConnection(ref, id, 'bandwidthMbps', { bandwidthMbps }));
  record(w, await api.getConnection(ref, id));
  record(w, await api.listConnections(ref));
  record(w, await api.createConnection(ref, id, { bandwidthMbps, ...(w.key !== undefined ? { activationKey: w.key.encodedKey } : {}) }));
  record(w, await api.deleteConnection(ref, id));
}

async function issueOperations(w: CtkWorld): Promise<void> {
  const api = w.ctx.api;
  const filed = await fileIssue(w, issueRequest('every operation implemented'));
  record(w, filed.exchange);
  const exists = ok(filed.exchange);
  record(w, await api.listIssues());
  record(w, await api.getIssue(filed.id), exists);
  record(w, await api.addComment(filed.id, 'interconnect-ctk: checking that every operation is implemented'), exists);
  record(w, await api.listComments(filed.id), exists);
  record(w, await api.closeIssue(filed.id), exists);
}

/** The channel the channel operations use: one the kit manages, holding a key if one does (so no key need be added), else the connection's first. */
async function channelFor(w: CtkWorld): Promise<{ mc: ManagedChannel; kitManages: boolean }> {
  const states = (await kitChannelStates(w)).filter((s) => s.state !== 'unreadable');
  const kit = (states.find((s) => s.keys.length > 0) ?? states[0])?.mc;
  if (kit !== undefined) return { mc: kit, kitManages: true };
  const ix = usableInterconnects(environment(w)).find((i) => i.id === w.conn.ref.ix);
  const ch = ix?.channels[0];
  if (ix === undefined || ch === undefined) throw new Error('internal: the connection\'s interconnect has no channel');
  return { mc: { ix, ch }, kitManages: false };
}

When('the kit calls every operation of the API once, on resources that exist', async function (this: CtkWorld) {
  const { mc, kitManages } = await channelFor(this);
  await staticOperations(this, mc);
  await macsecOperations(this, mc, kitManages);
  await connectionOperations(this);
  await issueOperations(this);
});

Then('no operation answers as if it were missing', function (this: CtkWorld) {
  const doubtful = unsure.get(this) ?? new Set<number>();
  const calls: Array<OperationCall & { readonly e: Exchange }> = this.observed.map((e) => ({ e, operation: e.operation, status: e.status, targetExists: !doubtful.has(e.seq) }));
  const uncalled = uncalledOperations(calls, DOCUMENTED);
  if (uncalled.length > 0) throw new Error(`internal: the scenario did not call ${uncalled.join(', ')}`);
  const missing = unimplementedAnswers(calls) as Array<OperationCall & { readonly e: Exchange }>;
  const lines = missing.map((c) => `${c.operation} answered ${c.status}`);
  this.judge('CC-SCH-015', missing.length === 0, `${lines.join('; ')} on resources that exist`, [
    ...missing.slice(0, 3).map((c) => this.ev(c.e)),
    expectation(`each of the ${DOCUMENTED.length} operations answers other than 404, 405 or 501 on existing resources (a refusal such as 400, 403 or 409 is an answer)`, lines.join('; ') || 'every operation answered'),
    { kind: 'table', title: 'One call of every operation', columns: ['operation', 'status', 'on'], rows: calls.map((c) => [c.operation, String(c.status), c.targetExists ? 'resources that exist' : 'a key or issue the kit could not create']) },
  ], { interpretation: 'E09: implemented = not 404, 405 or 501 on resources that exist' });
});
