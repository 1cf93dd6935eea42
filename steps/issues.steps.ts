/**
 * Steps for features/issues.feature: filing, reading and listing issues (comments and closing are in
 * issue-comments.steps.ts).
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Exchange } from '../src/client/index.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation, note } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { fieldOf, objectOf } from './support/body.js';
import { FILED, fileIssue, issueDifferences, issueIdOf, issueRequest, notEchoed, serverTimeProblem, walkIssues } from './support/issues.js';
import { environment } from './support/setup.js';
import type { CtkWorld } from './support/world.js';

const FORGED = { state: 'STATE_CLOSED', createTime: '2001-01-01T00:00:00Z', localIssueId: 'ctk-forged-local-id' } as const;
const LISTED_PREFIX = 'issue:listed:';

function filed(w: CtkWorld): Exchange {
  const e = w.seen.get(FILED);
  if (e === undefined) throw new Error('internal: no issue was filed earlier in this scenario');
  return e;
}

async function file(w: CtkWorld, body: Record<string, unknown>): Promise<Exchange> {
  const { exchange } = await fileIssue(w, body);
  w.seen.set(FILED, exchange);
  w.observed.push(exchange);
  return exchange;
}

/** Resource names the kit cites as context, rooted at the kit's provider id (ERRATA D20). */
function contextNames(w: CtkWorld): { connection: string; interconnect: string; channel: string; feature: string } {
  const { ref, id } = w.conn;
  const ch = usableInterconnects(environment(w)).find((i) => i.id === ref.ix)?.channels[0];
  const feature = w.features[0];
  if (ch === undefined || feature === undefined) throw new Error('internal: no channel or feature to cite');
  const api = w.ctx.api;
  return {
    connection: api.connectionPath(ref, id).slice(1), interconnect: api.ixPath(ref).slice(1),
    channel: api.channelPath(ref, ch.id).slice(1), feature: api.featurePath(ref, id, feature.id).slice(1),
  };
}

function judgeAccepted(w: CtkWorld, id: string, what: string): void {
  const refused = w.observed.filter((e) => !ok(e));
  w.judge(id, refused.length === 0, `${refused.length} of ${w.observed.length} ${what} were refused`,
    (refused.length > 0 ? refused : w.observed).map((e) => w.ev(e)).concat(refused.length > 0 ? [expectation('2xx for each issue', refused.map(answered).join('; '))] : []));
}

When('the kit files an issue with a title, a body and a priority', async function (this: CtkWorld) {
  await file(this, issueRequest('filed and read back', { priority: 'PRIORITY_P3', remoteIssueId: 'ctk-remote-reference', remoteContactEmail: 'interconnect-ctk@example.invalid' }));
});

Then('the candidate accepts the issue under the id the kit chose', function (this: CtkWorld) {
  const e = filed(this);
  const id = issueIdOf(e);
  const name = fieldOf(e.responseBody, 'name');
  const good = ok(e) && typeof name === 'string' && new RegExp(`^providers/[^/]+/issues/${id}$`).test(name);
  this.judge('CC-ISS-001', good, `the issue was not accepted as providers/{provider}/issues/${id} (${answered(e)})`,
    [this.ev(e), expectation(`2xx with name providers/{provider}/issues/${id}`, answered(e))], { hard: !ok(e) });
});

Then('the issue starts open', function (this: CtkWorld) {
  const e = filed(this);
  const state = fieldOf(e.responseBody, 'state');
  const tolerated = state === undefined || state === 'STATE_UNSPECIFIED';
  this.judge('CC-ISS-004', state === 'STATE_OPEN' || tolerated, `a new issue is in ${String(state)}`, [this.ev(e), expectation('STATE_OPEN (STATE_UNSPECIFIED tolerated)', String(state))],
    tolerated ? { interpretation: `D66: a new issue reports ${state === undefined ? 'no state (proto default STATE_UNSPECIFIED)' : 'STATE_UNSPECIFIED'}` } : {});
});

Then('the issue carries a creation time set by the candidate', function (this: CtkWorld) {
  const e = filed(this);
  const problem = serverTimeProblem(fieldOf(e.responseBody, 'createTime'));
  this.judge('CC-ISS-005', problem === undefined, problem ?? '', [this.ev(e), expectation('createTime: the RFC 3339 time the candidate filed the issue', problem ?? 'as expected')]);
});

Then('reading the issue back returns it as it was filed', async function (this: CtkWorld) {
  const e = filed(this);
  const read = await this.ctx.api.getIssue(issueIdOf(e));
  const sent = objectOf(e.requestBody);
  const differ = ok(read) ? [...issueDifferences(objectOf(e.responseBody), objectOf(read.responseBody)), ...notEchoed(sent, objectOf(read.responseBody))] : ['(not read)'];
  this.judge('CC-ISS-010', differ.length === 0, `GetIssue differs from the filed issue in ${[...new Set(differ)].join(', ')} (${answered(read)})`,
    [this.ev(e), this.ev(read), expectation('the issue exactly as CreateIssue answered it, with the title, body and priority sent', `differs in ${[...new Set(differ)].join(', ') || 'nothing'}`)]);
});

When('the kit files an issue without its {word}', async function (this: CtkWorld, part: string) {
  const body = issueRequest(`no ${part}`);
  delete body[part];
  await file(this, body);
});

Then('the candidate refuses the issue, as {requirement} requires', function (this: CtkWorld, id: string) {
  const e = this.observed.at(-1)!;
  this.judge(id, e.status >= 400 && e.status <= 499, `the issue was not refused (${answered(e)})`, [this.ev(e), expectation(id === 'CC-ISS-020' ? 'a 4xx refusal (409 expected)' : 'a 4xx refusal (400 expected)', answered(e))],
    id === 'CC-ISS-020' ? { interpretation: `D67: a reused issueId is refused with HTTP ${e.status}` } : {});
});

When('the kit files an issue claiming it is already closed, years old and numbered', async function (this: CtkWorld) {
  await file(this, issueRequest('output-only fields sent', FORGED));
});

Then('the candidate keeps its own state, creation time and local id for the issue', async function (this: CtkWorld) {
  const e = filed(this);
  const read = ok(e) ? await this.ctx.api.getIssue(issueIdOf(e)) : undefined;
  const answers = [e, ...(read !== undefined ? [read] : [])];
  const honoured = answers.flatMap((a) => (Object.keys(FORGED) as (keyof typeof FORGED)[]).filter((k) => fieldOf(a.responseBody, k) === FORGED[k]).map((k) => `${a.operation} ${k}`));
  this.judge('CC-ISS-003', ok(e) && honoured.length === 0, ok(e) ? `the candidate took over ${honoured.join(', ')}` : `the issue was refused (${answered(e)})`,
    [...answers.map((a) => this.ev(a)), expectation(`accepted, with none of ${JSON.stringify(FORGED)} taken over`, ok(e) ? honoured.join(', ') || 'none taken over' : answered(e))]);
});

When('the kit files one issue citing each kind of resource', async function (this: CtkWorld) {
  const names = contextNames(this);
  this.observed = [];
  await file(this, issueRequest('connection context', { connectionContexts: [{ name: names.connection }] }));
  await file(this, issueRequest('interconnect context', { interconnectContexts: [{ name: names.interconnect }] }));
  await file(this, issueRequest('channel context', { channelContexts: [{ name: names.channel }] }));
  await file(this, issueRequest('feature context', { featureContexts: [{ name: names.feature }] }));
});

Then('the candidate accepts every issue with context', function (this: CtkWorld) { judgeAccepted(this, 'CC-ISS-006', 'issues citing a resource'); });

When('the kit files a connection issue and an interconnect issue, each with the context it needs', async function (this: CtkWorld) {
  const names = contextNames(this);
  this.observed = [];
  await file(this, issueRequest('preset connection issue', { issueContext: 'ISSUE_CONTEXT_CONNECTION_ISSUE', connectionContexts: [{ name: names.connection }] }));
  await file(this, issueRequest('preset interconnect issue', { issueContext: 'ISSUE_CONTEXT_INTERCONNECT_ISSUE', interconnectContexts: [{ name: names.interconnect }] }));
});

Then('the candidate accepts both preset issue types', function (this: CtkWorld) { judgeAccepted(this, 'CC-ISS-007', 'issues of a preset type'); });

When('the kit files a connection issue that cites no connection', async function (this: CtkWorld) {
  await file(this, issueRequest('preset connection issue without its context', { issueContext: 'ISSUE_CONTEXT_CONNECTION_ISSUE' }));
});

Then('the candidate either accepts it or refuses it as the caller\'s mistake', function (this: CtkWorld) {
  const e = filed(this);
  const clean = ok(e) || (e.status >= 400 && e.status <= 499);
  this.judge('CC-ISS-008', clean, `an issue lacking its type's context was answered ${answered(e)}`, [this.ev(e), expectation('2xx (accepted) or 4xx (refused), never 5xx', answered(e))],
    clean ? { interpretation: `D66: a connection issue without a connection context is ${ok(e) ? 'accepted' : `refused with HTTP ${e.status}`}` } : {});
});

When('the kit files an issue citing a connection without naming it', async function (this: CtkWorld) {
  await file(this, issueRequest('context without a name', { connectionContexts: [{}] }));
});

Given('the candidate holds more than 50 issues the kit filed', async function (this: CtkWorld) {
  const before = await walkIssues(this);
  const missing = Math.max(1, 51 - before.items.length);
  for (let i = 0; i < missing; i++) {
    const { exchange } = await fileIssue(this, issueRequest(`listing probe ${i + 1} of ${missing}`));
    if (!ok(exchange)) this.blockedBy('CC-ISS-001', `the candidate refused a valid issue (${answered(exchange)})`, [this.ev(exchange)], ['CC-ISS-001']);
    this.seen.set(`${LISTED_PREFIX}${i}`, exchange);
  }
});

When('the kit lists the issues', async function (this: CtkWorld) {
  this.seen.set('issues:default', await this.ctx.api.listIssues());
  this.seen.set('issues:large', await this.ctx.api.listIssues({ pageSize: 5000 }));
  const walk = await walkIssues(this);
  this.observed = walk.pages.map((p) => p.exchange);
  this.expected = walk.items.length;
  if (walk.problem !== undefined) this.observed.push(...walk.pages.slice(-1).map((p) => p.exchange));
});

Then('every issue the kit filed in this scenario is listed', function (this: CtkWorld) {
  const listed = new Set(this.observed.flatMap((e) => {
    const items = fieldOf(e.responseBody, 'issues');
    return Array.isArray(items) ? items.map((i) => String(fieldOf(i, 'name')).split('/').pop()) : [];
  }));
  const ids = [...this.seen.entries()].filter(([k]) => k.startsWith(LISTED_PREFIX)).map(([, e]) => issueIdOf(e));
  const absent = ids.filter((id) => !listed.has(id));
  this.judge('CC-ISS-011', absent.length === 0 && this.observed.every(ok), `${absent.length} of the ${ids.length} issue(s) filed are not listed: ${absent.slice(0, 3).join(', ')}`,
    [...this.observed.slice(0, 3).map((e) => this.ev(e)), expectation(`every one of ${ids.length} issue(s) filed in ListIssues`, `${listed.size} listed; missing ${absent.length}`)]);
});

Then('without a page size at most 50 issues come back', function (this: CtkWorld) {
  const e = this.seen.get('issues:default')!;
  const items = fieldOf(e.responseBody, 'issues');
  const n = Array.isArray(items) ? items.length : -1;
  this.judge('CC-ISS-012', ok(e) && n >= 0 && n <= 50, `ListIssues without pageSize answered ${ok(e) ? `${n} issues` : answered(e)}`,
    [this.ev(e), expectation(`at most 50 issues (the caller has ${String(this.expected)})`, ok(e) ? `${n} issues` : answered(e))]);
});

Then('a page size above 1000 is served with at most 1000 issues', function (this: CtkWorld) {
  const e = this.seen.get('issues:large')!;
  const items = fieldOf(e.responseBody, 'issues');
  const n = Array.isArray(items) ? items.length : -1;
  const evidence = [this.ev(e), expectation('2xx with at most 1000 issues', ok(e) ? `${n} issues` : answered(e))];
  if ((this.expected ?? 0) <= 1000) evidence.push(note(`the caller has ${String(this.expected)} issues, so only that the page size is served could be observed, not its coercion to 1000`));
  this.judge('CC-ISS-013', ok(e) && n >= 0 && n <= 1000, `ListIssues with pageSize 5000 answered ${ok(e) ? `${n} issues` : answered(e)}`, evidence);
});
