/**
 * Steps for features/schema-rules.feature: name rooting, references, published facts, bodiless and id-less
 * requests, success codes, states and bandwidths, and 4-byte ASNs.
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { capacityFactProblems } from '../src/checks/index.js';
import type { Exchange } from '../src/client/index.js';
import { ok, proposeFeature } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { fieldOf, listOf, objectOf } from './support/body.js';
import { FILED, fileIssue, issueRequest, newIssueId } from './support/issues.js';
import { referenceProblems, repeated, rootingProblems } from './support/names.js';
import { isProvider } from './support/feature-checks.js';
import { baseProposal, channelsOf } from './support/rules.js';
import type { CtkWorld } from './support/world.js';

const FOUR_BYTE_ASN = 4200000000;
const CONNECTION_OPS = new Set(['CreateConnection', 'GetConnection', 'UpdateConnection']);

function judgeEach(w: CtkWorld, id: string, exchanges: readonly Exchange[], what: string, problemsOf: (e: Exchange) => string[]): void {
  const bad = exchanges.map((e) => ({ e, p: problemsOf(e) })).filter((x) => x.p.length > 0);
  const lines = bad.flatMap((b) => b.p.map((p) => `${b.e.operation}: ${p}`));
  w.judge(id, bad.length === 0, `${lines.length} problem(s): ${lines.slice(0, 3).join('; ')}`,
    [...(bad.length > 0 ? bad.map((b) => b.e) : exchanges).slice(0, 4).map((e) => w.ev(e)), expectation(what, lines.slice(0, 5).join('; ') || 'as expected')]);
}

function byOperation(w: CtkWorld, ...ops: string[]): Exchange[] {
  return w.observed.filter((e) => ops.includes(e.operation) && ok(e));
}

Then('every name returned for a resource the kit created is rooted at the kit\'s provider id', function (this: CtkWorld) {
  const created = [this.conn.exchange, ...this.features.map((f) => f.exchange), ...(this.seen.has(FILED) ? [this.seen.get(FILED)!] : [])];
  const reads = this.observed.filter((e) => ok(e) && e.operation !== 'GetProvider' && e.operation !== 'ListProviders');
  judgeEach(this, 'CC-SCH-013', [...created, ...reads], `names rooted at providers/${this.ctx.api.caller}/ (D20)`, (e) => rootingProblems(e.responseBody, this.ctx.api.caller));
});

Then('every reference to another resource uses that resource\'s name format', async function (this: CtkWorld) {
  const f = this.features[0]!;
  const read = await this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id);
  judgeEach(this, 'CC-SCH-017', [...this.observed.filter(ok), f.exchange, read], 'providers as providers/{provider}, channels by their full name (D16, D18)', (e) => referenceProblems(e.responseBody));
});

When('the kit reads the candidate\'s own provider resource', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.getProvider(this.ctx.config.candidate.providerId));
});

Then('the candidate answers with its own provider resource', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  const want = `providers/${this.ctx.config.candidate.providerId}`;
  this.judge('CC-SCH-014', ok(e) && fieldOf(e.responseBody, 'name') === want, `GetProvider of the candidate's own id answered ${answered(e)}`, [this.ev(e), expectation(`2xx with name ${want} (D20)`, answered(e))]);
});

Then('the providers are listed as provider objects', function (this: CtkWorld) {
  const e = this.observed.find((x) => x.operation === 'ListProviders')!;
  const keys = ['providers', 'environments'].filter((k) => {
    const items = listOf(e.responseBody, k);
    return items.length > 0 && items.every((p) => /^providers\/[^/]+$/.test(String(fieldOf(p, 'name'))));
  });
  this.judge('CC-SCH-016', ok(e) && keys.length > 0, `ListProviders answered no Provider objects under providers or environments (${answered(e)})`,
    [this.ev(e), expectation('Provider objects under `providers` or `environments` (D15)', answered(e))], keys.length > 0 ? { interpretation: `D15: providers listed under ${keys.join(' and ')}` } : {});
});

Then('every environment and interconnect supports the L3 base feature', function (this: CtkWorld) {
  judgeEach(this, 'CC-SCH-021', byOperation(this, 'GetEnvironment', 'GetInterconnect'), 'FEATURE_TYPE_L3_BASE in every supportedFeatures', (e) =>
    (listOf(e.responseBody, 'supportedFeatures').includes('FEATURE_TYPE_L3_BASE') ? [] : [`${String(fieldOf(e.responseBody, 'name'))} does not list FEATURE_TYPE_L3_BASE`]));
});

Then('no list of connection sizes or feature types repeats a value', function (this: CtkWorld) {
  judgeEach(this, 'CC-SCH-026', byOperation(this, 'GetEnvironment', 'GetInterconnect'), 'no value twice in supportedConnectionSizeMbps or supportedFeatures (D07)', (e) =>
    ['supportedConnectionSizeMbps', 'supportedFeatures'].flatMap((k) => repeated(fieldOf(e.responseBody, k)).map((v) => `${k} repeats ${String(v)}`)));
});

Then('every environment and interconnect publishes its connection sizes, and every interconnect its capacity', function (this: CtkWorld) {
  judgeEach(this, 'CC-SCH-022', byOperation(this, 'GetEnvironment', 'GetInterconnect'), 'supportedConnectionSizeMbps on environments and interconnects, a positive maxBandwidthMbps on interconnects (D56, D69)', (e) =>
    capacityFactProblems(e.operation === 'GetEnvironment' ? 'environment' : 'interconnect', objectOf(e.responseBody)).map((p) => `${String(fieldOf(e.responseBody, 'name'))}: ${p}`));
});

When('the kit sends a connection, an update, a feature and an issue request without a body', async function (this: CtkWorld) {
  const api = this.ctx.api;
  const { ref, id } = this.conn;
  this.observed.push(
    await api.call('CreateConnection', 'POST', `${api.ixPath(ref)}/connections`, { query: { connectionId: randomUUID() } }),
    await api.call('UpdateConnection', 'PATCH', api.connectionPath(ref, id), { query: { updateMask: 'bandwidthMbps' } }),
    await api.call('CreateFeature', 'POST', `${api.connectionPath(ref, id)}/features`, { query: { featureId: 'ctk-without-body' } }),
    await api.call('CreateIssue', 'POST', `${api.providerPath()}/issues`, { query: { issueId: newIssueId() } }),
  );
});

When('the kit sends a connection, a feature and an issue creation without the new resource\'s id', async function (this: CtkWorld) {
  const api = this.ctx.api;
  const { ref, id, bandwidthMbps } = this.conn;
  const { ch, config } = await baseProposal(this, 0);
  this.observed.push(
    await api.call('CreateConnection', 'POST', `${api.ixPath(ref)}/connections`, { body: { bandwidthMbps } }),
    await api.call('CreateFeature', 'POST', `${api.connectionPath(ref, id)}/features`, { body: { channel: ch.name, featureConfig: { featureType: 'FEATURE_TYPE_L3_BASE', l3BaseConfig: config } } }),
    await api.call('CreateIssue', 'POST', `${api.providerPath()}/issues`, { body: issueRequest('no issueId') }),
  );
});

Then('the candidate refuses each of them as a client error, as {requirement} requires', function (this: CtkWorld, id: string) {
  judgeEach(this, id, this.observed, 'a 4xx refusal for each (400 expected), never 2xx or 5xx', (e) => (e.status >= 400 && e.status <= 499 ? [] : [`answered ${answered(e)}`]));
});

When('the kit reads the channels and the connection, keeps the connection\'s bandwidth as it is, and files, comments on and closes an issue', async function (this: CtkWorld) {
  const api = this.ctx.api;
  const { ref, id, bandwidthMbps } = this.conn;
  const ch = channelsOf(this)[0]!;
  this.observed.push(this.conn.exchange, await api.listChannels(ref), await api.getChannel(ref, ch.id), await api.getConnection(ref, id), await api.listConnections(ref));
  this.observed.push(await api.updateConnection(ref, id, 'bandwidthMbps', { bandwidthMbps }));
  const issue = await fileIssue(this, issueRequest('success codes'));
  this.observed.push(issue.exchange, await api.addComment(issue.id, 'interconnect-ctk: checking success codes'), await api.closeIssue(issue.id));
});

Then('every successful answer is a 200', function (this: CtkWorld) {
  judgeEach(this, 'CC-SCH-020', this.observed.filter(ok), 'HTTP 200 for every success (D04)', (e) => (e.status === 200 ? [] : [`answered HTTP ${e.status}`]));
});

Then('every channel and connection reports its administrative state', function (this: CtkWorld) {
  judgeEach(this, 'CC-SCH-023', byOperation(this, 'ListChannels', 'GetChannel', 'ListConnections', ...CONNECTION_OPS), 'adminState on every channel and connection (D72)', (e) => {
    const items = e.operation.startsWith('List') ? listOf(e.responseBody, e.operation === 'ListChannels' ? 'channels' : 'connections') : [e.responseBody];
    return items.filter((i) => typeof fieldOf(i, 'adminState') !== 'string').map((i) => `${String(fieldOf(i, 'name'))} has no adminState`);
  });
});

Then('every connection the candidate returns reports its bandwidth', function (this: CtkWorld) {
  judgeEach(this, 'CC-SCH-025', byOperation(this, 'ListConnections', ...CONNECTION_OPS), 'bandwidthMbps on every connection (D06)', (e) => {
    const items = e.operation === 'ListConnections' ? listOf(e.responseBody, 'connections') : [e.responseBody];
    return items.filter((i) => typeof fieldOf(i, 'bandwidthMbps') !== 'number').map((i) => `${String(fieldOf(i, 'name'))} has no bandwidthMbps`);
  });
});

When('the kit proposes a feature in which its own ASN is {int}', async function (this: CtkWorld, asn: number) {
  const { ch, config } = await baseProposal(this, 0);
  const kit = this.ctx.peer.providerId;
  const bgp = (config.providerBgpConfigs ?? []).map((b) => (isProvider(b.provider, kit) ? { ...b, asn } : b));
  const f = await proposeFeature(this.ctx.api, this.ctx.peer.local, this.conn, ch.name, ch.id, { ...config, providerBgpConfigs: bgp });
  this.features.push(f);
  this.observed.push(f.exchange);
});

Then('the candidate accepts the feature and returns that ASN unchanged', async function (this: CtkWorld) {
  const f = this.features.at(-1)!;
  const read = ok(f.exchange) ? await this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id) : undefined;
  const bgp = listOf(fieldOf(fieldOf(read?.responseBody, 'featureConfig'), 'l3BaseConfig'), 'providerBgpConfigs');
  const mine = bgp.find((b) => isProvider(String(fieldOf(b, 'provider')), this.ctx.peer.providerId));
  const got = fieldOf(mine, 'asn');
  this.judge('CC-SCH-024', ok(f.exchange) && read !== undefined && ok(read) && got === FOUR_BYTE_ASN, ok(f.exchange) ? `the ASN ${FOUR_BYTE_ASN} was read back as ${String(got)}` : `a feature with ASN ${FOUR_BYTE_ASN} was refused (${answered(f.exchange)})`,
    [this.ev(f.exchange), ...(read !== undefined ? [this.ev(read)] : []), expectation(`accepted, and asn ${FOUR_BYTE_ASN} read back (D01)`, String(got))]);
});
