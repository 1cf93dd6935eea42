/**
 * Steps for features/resiliency.feature: the candidate's published topology judged by src/checks/topology.ts,
 * with a channel, device and facility table per interconnect as evidence, and readiness below 3 of 4 channels.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import {
  assessResiliency, disabledChannels, providerSitesTable, readinessThreshold, TOPOLOGY_READINGS, TOPOLOGY_RULES,
  type ResiliencyAssessment, type TopologyRequirementId, type TopologyTable,
} from '../src/checks/topology.js';
import type { Exchange } from '../src/client/index.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation, note, peerCallEvidence } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import type { Evidence } from '../src/report/schema.js';
import { environment, negotiateFeatures, placedConnection, until } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

/** The sentence each topology rule is stated with in the feature file. */
const RULE_STEPS: ReadonlyArray<readonly [string, TopologyRequirementId]> = [
  ['every interconnect has at least four channels', 'CC-RES-001'],
  ['every interconnect has exactly four channels', 'CC-RES-002'],
  ['no two channels of an interconnect sit on the same device', 'CC-RES-003'],
  ['every channel names the device it sits on', 'CC-RES-004'],
  ['no device name gives away a router\'s address or host name', 'CC-RES-005'],
  ['the channels of every interconnect are spread over at least two facilities', 'CC-RES-006'],
  ['every channel has a cross-connect point of its own', 'CC-RES-007'],
  ['all channels of an interconnect have the same capacity', 'CC-RES-008'],
  ['channels are built from 100G or 400G ports', 'CC-RES-009'],
  ['no interconnect promises more bandwidth than its smallest channel carries', 'CC-RES-010'],
  ['every interconnect offers every connection size of its environment', 'CC-RES-011'],
  ['every interconnect supports every feature of its environment', 'CC-RES-012'],
  ['each environment names exactly the candidate and the kit as its two providers', 'CC-RES-013'],
  ['any two interconnects share all of their devices or none of them', 'CC-MNT-011'],
];

function assess(w: CtkWorld): ResiliencyAssessment {
  return assessResiliency(w.ctx.topology.environments, { candidateProviderId: w.ctx.config.candidate.providerId, kitProviderId: w.ctx.config.kit.providerId });
}

/** The tables shown with a rule: the interconnects it found fault with first. */
function tablesFor(w: CtkWorld, a: ResiliencyAssessment, id: TopologyRequirementId, faulty: ReadonlySet<string>): TopologyTable[] {
  if (id === 'CC-RES-013') return [providerSitesTable(w.ctx.topology.environments)];
  if (id === 'CC-MNT-011') return [a.deviceGroups];
  return [...a.tables].sort(([x], [y]) => Number(faulty.has(y)) - Number(faulty.has(x))).map(([, t]) => t);
}

function judgeRule(w: CtkWorld, id: TopologyRequirementId): void {
  const a = assess(w);
  const perInterconnect = id !== 'CC-RES-013' && id !== 'CC-MNT-011';
  if (perInterconnect && a.assessed.length === 0) {
    w.notApplicable(id, `no interconnect past PENDING to judge (${a.leftOut.join(', ') || 'none published'})`);
    return;
  }
  const mine = a.findings.filter((f) => f.requirementId === id);
  const subjects = perInterconnect ? `${a.assessed.length} interconnect(s)` : `${w.ctx.topology.environments.length} environment(s)`;
  const evidence: Evidence[] = [
    expectation(TOPOLOGY_RULES[id], mine.length === 0 ? `as expected on ${subjects}` : mine.map((f) => f.detail).join('; ')),
    ...(a.leftOut.length > 0 && perInterconnect ? [note(`not judged, not yet ready for traffic: ${a.leftOut.join(', ')}`)] : []),
    ...tablesFor(w, a, id, new Set(mine.map((f) => f.subject))),
  ];
  const reading = TOPOLOGY_READINGS[id];
  w.judge(id, mine.length === 0, `${mine.length} problem(s): ${mine.slice(0, 3).map((f) => f.detail).join('; ')}${mine.length > 3 ? '; …' : ''}`,
    evidence, reading !== undefined ? { interpretation: reading } : {});
}

Given('the interconnects and channels the candidate publishes to the kit', function (this: CtkWorld) {
  if (this.ctx.topology.environments.length === 0) {
    for (const id of this.tagged) this.notApplicable(id, 'the candidate publishes no environment to the kit');
  }
});

for (const [text, id] of RULE_STEPS) {
  Then(text, function (this: CtkWorld) {
    if (!this.judged.has(id)) judgeRule(this, id);
  });
}

Given('one channel of an interconnect carrying a verified connection is administratively disabled', function (this: CtkWorld) {
  const disabled = disabledChannels(this.ctx.topology.environments);
  const why = disabled.length === 0
    ? 'no channel of the candidate is disabled and no API operation or hook lets the kit disable one'
    : `channel(s) ${disabled.join(', ')} are disabled, but a connection across a disabled channel is not assessed by this kit version`;
  for (const id of this.tagged) this.notApplicable(id, `not assessed: ${why} (D72)`);
});

Then('the connection stays verified and usable', function (this: CtkWorld) {
  if (this.tagged.every((id) => this.judged.has(id))) return;
  throw new Error('internal: a disabled channel was found without a way to judge the connection across it');
});

Given('the kit negotiated a connection with features on fewer channels than readiness needs', async function (this: CtkWorld) {
  const conn = await placedConnection(this);
  const channels = usableInterconnects(environment(this)).find((i) => i.id === conn.ref.ix)?.channels.length ?? 0;
  this.expected = readinessThreshold(channels);
  await negotiateFeatures(this, conn, this.expected - 1);
  await until(this.ctx.settleMs, async () => {
    const reads = await Promise.all(this.features.map((f) => this.ctx.api.getFeature(conn.ref, conn.id, f.id)));
    return reads.every((e) => (e.responseBody as Record<string, unknown> | undefined)?.['provisioningState'] === 'PROVISIONING_STATE_FINAL') ? reads : undefined;
  });
});

When('the kit tells the candidate its side of the connection is ready', async function (this: CtkWorld) {
  this.mark = this.ctx.log.lastSeq;
  this.observed = [await this.ctx.api.notifyConnectionStatus(this.conn.ref, this.conn.id)];
});

function verificationOf(e: Exchange): unknown {
  return (e.responseBody as Record<string, unknown> | undefined)?.['verificationState'];
}

When('the kit watches the connection for a while', async function (this: CtkWorld) {
  const { ref, id } = this.conn;
  await until(this.ctx.quietMs, async () => {
    const r = await this.ctx.api.getConnection(ref, id);
    this.observed.push(r);
    return !ok(r) || verificationOf(r) === 'VERIFICATION_STATE_VERIFIED' ? r : undefined;
  });
});

Then('the candidate keeps the connection that has not finalized', async function (this: CtkWorld) {
  const notified = this.observed[0];
  const last = await this.ctx.api.getConnection(this.conn.ref, this.conn.id);
  this.observed.push(last);
  const reads = this.observed.slice(1);
  const gone = reads.find((e) => !ok(e));
  const since = notified !== undefined ? Date.parse(last.startedAt) - Date.parse(notified.startedAt) : 0;
  this.judge('CC-LC-011', gone === undefined, `the connection, not finalized, was gone within ${since} ms of the kit saying its side was ready (${gone !== undefined ? answered(gone) : ''})`, [
    expectation('the unfinished connection still there (kept up to 7 days, D51)', gone === undefined ? `answering after ${since} ms, ${String(verificationOf(last))}` : answered(gone)),
    this.ev(gone ?? last), ...(notified !== undefined ? [this.ev(notified)] : []),
  ], { interpretation: `D51: watched for ${since} ms of the 7 days` });
});

Then('the candidate does not verify the connection, as {requirement} requires', async function (this: CtkWorld, id: string) {
  const connId = this.conn.id;
  const notified = this.observed[0];
  const readBack = notified !== undefined && ok(notified)
    ? await this.ctx.peer.waitForCall((c) => c.operation === 'GetConnection' && c.params['connection'] === connId, this.ctx.settleMs, this.mark)
    : undefined;
  const reads = this.observed.slice(1);
  const last = reads.find((e) => verificationOf(e) === 'VERIFICATION_STATE_VERIFIED') ?? reads.at(-1) ?? await this.ctx.api.getConnection(this.conn.ref, connId);
  const state = String(verificationOf(last));
  const need = this.expected ?? 0;
  const summary = ok(last) ? `the connection became VERIFIED with features on ${this.features.length} channel(s), below the ${need} readiness needs` : `the connection could no longer be read (${answered(last)})`;
  this.judge(id, ok(last) && state !== 'VERIFICATION_STATE_VERIFIED', summary, [
    expectation(`not VERIFIED with final features on ${this.features.length} channel(s); readiness needs ${need}`, ok(last) ? state : answered(last)),
    this.ev(last), ...(notified !== undefined ? [this.ev(notified)] : []), ...(readBack !== undefined ? [peerCallEvidence(readBack, this.ctx.peer.baseUrl)] : []),
  ], { interpretation: `D40/D41: readiness threshold ${need} of the interconnect's channels`, rootCauses: ['CC-LC-011'] });
});
