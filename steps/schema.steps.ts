/**
 * Steps for features/schema.feature: response shapes, names, pagination, unknown resources, malformed requests.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { isDeepStrictEqual } from 'node:util';
import { evaluatePageWalk } from '../src/checks/index.js';
import { walkPages, type Exchange, type PageQuery } from '../src/client/index.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { checkNames, classifyIssues } from '../src/runner/shape.js';
import { confirmedKey, environment, place, placedConnection } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

When('the kit reads every provider, environment, interconnect and channel the candidate exposes', async function (this: CtkWorld) {
  const api = this.ctx.api;
  this.observed.push(await api.getProvider(), await api.listProviders(), await api.listEnvironments(), await api.listIssues());
  for (const env of this.ctx.topology.environments) {
    this.observed.push(await api.getEnvironment(env.id), await api.listInterconnects(env.id));
    for (const ix of env.interconnects) {
      this.observed.push(await api.getInterconnect(ix.ref), await api.listChannels(ix.ref), await api.listConnections(ix.ref));
      for (const ch of ix.channels) this.observed.push(await api.getChannel(ix.ref, ch.id), await api.getMaintenanceEvents(ix.ref, ch.id));
    }
  }
});

When('the kit reads the connection and its features back', async function (this: CtkWorld) {
  const { ref, id } = this.conn;
  this.observed.push(await this.ctx.api.getConnection(ref, id), await this.ctx.api.listConnections(ref), await this.ctx.api.listFeatures(ref, id));
  for (const f of this.features) this.observed.push(await this.ctx.api.getFeature(ref, id, f.id));
});

function judgeShape(w: CtkWorld, id: string, pick: (e: Exchange) => string[]): void {
  const bad = w.observed.map((e) => ({ e, issues: pick(e) })).filter((x) => x.issues.length > 0);
  const lines = bad.flatMap((b) => b.issues.map((i) => `${b.e.operation}: ${i}`));
  w.judge(id, bad.length === 0, `${lines.length} problem(s): ${lines.slice(0, 3).join('; ')}`,
    bad.slice(0, 4).flatMap((b) => [w.ev(b.e), expectation('a body that follows the spec', b.issues.slice(0, 5).join('; '))]));
}

Then('every answer has the types and formats of its operation\'s schema', function (this: CtkWorld) {
  judgeShape(this, 'CC-SCH-001', (e) => (ok(e) ? classifyIssues(this.ctx.validator, e).shape : [`answered ${answered(e)}`]));
});

Then('every enumerated field holds a value the spec defines', function (this: CtkWorld) {
  judgeShape(this, 'CC-SCH-002', (e) => (ok(e) ? classifyIssues(this.ctx.validator, e).enums : []));
});

Then('every field the spec requires is present', function (this: CtkWorld) {
  judgeShape(this, 'CC-SCH-003', (e) => (ok(e) ? classifyIssues(this.ctx.validator, e).required : []));
});

Then('every resource name follows the documented format', function (this: CtkWorld) {
  judgeShape(this, 'CC-SCH-011', (e) => (ok(e) ? checkNames(e, this.ctx.api.http.baseUrl) : []));
});

type Collection = 'interconnects' | 'channels' | 'connections';

function fetcher(w: CtkWorld, c: Collection): (q: PageQuery) => Promise<Exchange> {
  const env = environment(w);
  const ix = w.connection?.ref ?? usableInterconnects(env)[0]!.ref;
  if (c === 'interconnects') return (q) => w.ctx.api.listInterconnects(env.id, q);
  if (c === 'channels') return (q) => w.ctx.api.listChannels(ix, q);
  return (q) => w.ctx.api.listConnections(ix, q);
}

Given('the candidate holds several {word}', async function (this: CtkWorld, c: Collection) {
  const env = environment(this);
  if (c === 'connections') {
    const conn = await placedConnection(this);
    const ix = usableInterconnects(env).find((i) => i.id === conn.ref.ix)!;
    for (let i = 0; i < 2; i++) {
      const extra = await place(this, await confirmedKey(this), ix);
      if (!ok(extra.exchange)) this.blockedBy('CC-NEG-001', 'the candidate refused a connection on an interconnect with room', [this.ev(extra.exchange)]);
    }
    return;
  }
  const count = c === 'interconnects' ? env.interconnects.length : (usableInterconnects(env)[0]?.channels.length ?? 0);
  const need = c === 'interconnects' ? 2 : 4;
  if (count < need) return this.notApplicableAll(`the candidate exposes ${count} ${c}; paging needs at least ${need}`);
  return undefined;
});

When('the kit pages through the {word} {int} at a time', async function (this: CtkWorld, c: Collection, size: number) {
  const fetch = fetcher(this, c);
  const full = await walkPages(fetch, c, 1000);
  const paged = await walkPages(fetch, c, size);
  const names = (items: readonly Record<string, unknown>[]): string[] => items.map((i) => String(i['name']));
  const findings = evaluatePageWalk({
    pages: paged.pages.map((p) => ({ items: names(p.items), nextPageToken: p.nextPageToken })),
    pageSize: size,
    fullList: names(full.items),
  });
  this.observed = paged.pages.map((p) => p.exchange);
  for (const id of ['CC-SCH-004', 'CC-SCH-005', 'CC-SCH-006']) {
    const mine = findings.filter((f) => f.requirementId === id);
    this.ctx.judgements.add({
      id, outcome: mine.length === 0 ? 'pass' : 'fail', scenario: this.scenario, ...(mine.length > 0 ? { reason: mine.map((f) => f.detail).slice(0, 3).join('; ') } : {}),
      evidence: [...this.observed.slice(0, 4).map((e) => this.ev(e)), ...(mine.length > 0 ? [expectation(`pages of at most ${size}, every item once, no token on the last page`, mine.map((f) => f.detail).join('; '))] : [])],
    });
    this.judged.add(id);
    if (mine.length > 0) this.failed.add(id);
  }
});

Then('no page holds more items than asked for', function (this: CtkWorld) { /* judged while paging: see the When step */ });
Then('every item appears exactly once across the pages', function (this: CtkWorld) { /* judged while paging */ });
Then('the last page offers no further page', function (this: CtkWorld) { /* judged while paging */ });

When('the kit asks for an environment, an interconnect, a channel, a connection and a feature that do not exist', async function (this: CtkWorld) {
  const env = environment(this);
  const ix = usableInterconnects(env)[0]!;
  const api = this.ctx.api;
  this.observed.push(
    await api.getEnvironment('ctk-missing-environment'),
    await api.getInterconnect({ env: env.id, ix: 'ctk-missing-interconnect' }),
    await api.getChannel(ix.ref, 'ctk-missing-channel'),
    await api.getConnection(ix.ref, '00000000-0000-4000-8000-00000000c7c0'),
    await api.getFeature(ix.ref, '00000000-0000-4000-8000-00000000c7c0', 'ctk-missing-feature'),
  );
});

Then('none of the answers is a success or a server error', function (this: CtkWorld) {
  const bad = this.observed.filter((e) => e.status < 400 || e.status > 499);
  this.judge('CC-SCH-007', bad.length === 0, `${bad.length} lookup(s) of missing resources answered ${bad.map((e) => e.status).join(', ')}`, (bad.length > 0 ? bad : this.observed).slice(0, 5).map((e) => this.ev(e)));
});

Then('every answer says the resource was not found', function (this: CtkWorld) {
  const bad = this.observed.filter((e) => e.status !== 404);
  this.judge('CC-SCH-008', bad.length === 0, `${bad.length} lookup(s) of missing resources did not answer 404 (${bad.map((e) => e.status).join(', ')})`, (bad.length > 0 ? bad : this.observed).slice(0, 5).map((e) => this.ev(e)));
});

When('the kit sends a connection request that is not valid JSON', async function (this: CtkWorld) {
  const ix = usableInterconnects(environment(this))[0]!;
  const id = this.key!.decoded.ok ? this.key!.decoded.key.sharedConnectionUuid : 'ctk-malformed';
  this.observed.push(await this.ctx.api.call('CreateConnection', 'POST', `${this.ctx.api.ixPath(ix.ref)}/connections`, { query: { connectionId: id }, raw: '{"bandwidthMbps": 50, "activationKey": ' }));
  if (ok(this.observed.at(-1)!)) this.cleanup.push({ ref: ix.ref, id });
});

When('the kit sends a connection request whose bandwidth is text instead of a number', async function (this: CtkWorld) {
  const ix = usableInterconnects(environment(this))[0]!;
  const id = this.key!.decoded.ok ? this.key!.decoded.key.sharedConnectionUuid : 'ctk-malformed';
  this.observed.push(await this.ctx.api.createConnection(ix.ref, id, { bandwidthMbps: 'fifty', activationKey: this.key!.encodedKey }));
  if (ok(this.observed.at(-1)!)) this.cleanup.push({ ref: ix.ref, id });
});

Then('the candidate refuses it as a client error, as {requirement} requires', function (this: CtkWorld, id: string) {
  const e = this.observed.at(-1)!;
  this.judge(id, e.status >= 400 && e.status <= 499, `a malformed request was answered ${answered(e)}`, [this.ev(e), expectation('a 4xx refusal (400), never 2xx or 5xx', answered(e))]);
});

When('the kit reads every listed interconnect and channel on its own', async function (this: CtkWorld) {
  for (const env of this.ctx.topology.environments) {
    for (const ix of env.interconnects) {
      this.observed.push(await this.ctx.api.getInterconnect(ix.ref));
      for (const ch of ix.channels) this.observed.push(await this.ctx.api.getChannel(ix.ref, ch.id));
    }
  }
});

Then('each one matches its entry in the list', function (this: CtkWorld) {
  const listed = new Map<string, unknown>();
  for (const env of this.ctx.topology.environments) {
    for (const ix of env.interconnects) {
      listed.set(String(ix.resource['name']), ix.resource);
      for (const ch of ix.channels) listed.set(ch.name, ch.resource);
    }
  }
  const differ = this.observed.filter((e) => {
    const name = typeof e.responseBody === 'object' && e.responseBody !== null ? String((e.responseBody as Record<string, unknown>)['name']) : '';
    return !ok(e) || !isDeepStrictEqual(listed.get(name), e.responseBody);
  });
  this.judge('CC-SCH-012', differ.length === 0, `${differ.length} resource(s) read on their own differ from the list`,
    differ.slice(0, 4).flatMap((e) => [this.ev(e), expectation('the same object as in the list', answered(e))]));
});
