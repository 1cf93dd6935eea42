/**
 * Steps for features/issues.feature: comments on an issue, closing it, and reusing its id.
 * @packageDocumentation
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { walkPages, type Exchange } from '../src/client/index.js';
import { ok } from '../src/peer/negotiator.js';
import { answered, expectation } from '../src/runner/evidence.js';
import { fieldOf } from './support/body.js';
import { commentText, FILED, fileIssue, issueIdOf, issueRequest, orderProblems, serverTimeProblem } from './support/issues.js';
import type { CtkWorld } from './support/world.js';

function issueId(w: CtkWorld): string {
  const e = w.seen.get(FILED);
  if (e === undefined) throw new Error('internal: no issue was filed earlier in this scenario');
  return issueIdOf(e);
}

function count(e: Exchange, key: string): number {
  const items = fieldOf(e.responseBody, key);
  return Array.isArray(items) ? items.length : -1;
}

async function filedIssue(w: CtkWorld, summary: string): Promise<string> {
  const { exchange } = await fileIssue(w, issueRequest(summary));
  if (!ok(exchange)) w.blockedBy('CC-ISS-001', `the candidate refused a valid issue (${answered(exchange)})`, [w.ev(exchange)], ['CC-ISS-001']);
  w.seen.set(FILED, exchange);
  return issueIdOf(exchange);
}

Given('the kit filed an issue', async function (this: CtkWorld) {
  await filedIssue(this, 'comments and closing');
});

When('the kit comments on the issue', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.addComment(issueId(this), commentText(1)));
});

Then('the candidate returns the comment it added', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  const body = fieldOf(fieldOf(e.responseBody, 'comment'), 'body');
  this.judge('CC-ISS-014', ok(e) && body === commentText(1), `AddComment answered ${answered(e)}`,
    [this.ev(e), expectation(`2xx with comment.body "${commentText(1)}"`, answered(e))]);
});

Then('the comment carries a creation time set by the candidate', async function (this: CtkWorld) {
  const added = this.observed.at(-1)!;
  const list = await this.ctx.api.listComments(issueId(this));
  const items = fieldOf(list.responseBody, 'comments');
  const listed = Array.isArray(items) ? items.find((c) => fieldOf(c, 'body') === commentText(1)) : undefined;
  const time = listed !== undefined ? fieldOf(listed, 'createTime') : fieldOf(fieldOf(added.responseBody, 'comment'), 'createTime');
  const problem = serverTimeProblem(time);
  this.judge('CC-ISS-018', problem === undefined, `the added comment has ${problem ?? ''}`,
    [this.ev(added), this.ev(list), expectation('createTime: the RFC 3339 time the candidate added the comment', problem ?? 'as expected')]);
});

When('the kit adds a comment without {}', async function (this: CtkWorld, part: string) {
  const body = part === 'a comment' ? {} : { comment: {} };
  const api = this.ctx.api;
  this.observed.push(await api.call('AddComment', 'POST', `${api.providerPath()}/issues/${encodeURIComponent(issueId(this))}/AddComment`, { body }));
});

Then('the candidate refuses the comment', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  this.judge('CC-ISS-015', e.status >= 400 && e.status <= 499, `the comment request was not refused (${answered(e)})`, [this.ev(e), expectation('a 4xx refusal (400 expected)', answered(e))]);
});

Given('the kit filed an issue and commented on it {int} times', async function (this: CtkWorld, n: number) {
  const id = await filedIssue(this, `${n} comments`);
  for (let i = 1; i <= n; i++) {
    const e = await this.ctx.api.addComment(id, commentText(i));
    if (!ok(e)) this.blockedBy('CC-ISS-014', `the candidate refused comment ${i} (${answered(e)})`, [this.ev(e)], ['CC-ISS-014']);
  }
  this.expected = n;
});

When('the kit lists the comments on the issue', async function (this: CtkWorld) {
  const id = issueId(this);
  this.seen.set('comments:default', await this.ctx.api.listComments(id));
  this.seen.set('comments:large', await this.ctx.api.listComments(id, { pageSize: 5000 }));
  const walk = await walkPages((q) => this.ctx.api.listComments(id, q), 'comments', 1000);
  this.observed = walk.pages.map((p) => p.exchange);
});

Then('the newest comment comes first', function (this: CtkWorld) {
  const items = this.observed.flatMap((e) => {
    const list = fieldOf(e.responseBody, 'comments');
    return Array.isArray(list) ? list.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null) : [];
  });
  const problems = orderProblems(items);
  const first = items[0] !== undefined ? String(fieldOf(items[0], 'body')) : 'nothing';
  this.judge('CC-ISS-016', this.observed.length > 0 && this.observed.every(ok) && problems.length === 0 && items.length > 0,
    `comments are not listed newest first: ${problems.slice(0, 3).join('; ') || `ListComments answered ${answered(this.observed[0] ?? this.seen.get('comments:default')!)}`}`,
    [...this.observed.slice(0, 2).map((e) => this.ev(e)), expectation(`${commentText(this.expected ?? 0)} first, then older ones`, `first: ${first}; ${problems.length} out of order`)]);
});

Then('without a page size at most 50 comments come back, and a page size above 1000 is served with at most 1000', function (this: CtkWorld) {
  const byDefault = this.seen.get('comments:default')!;
  const large = this.seen.get('comments:large')!;
  const [n, m] = [count(byDefault, 'comments'), count(large, 'comments')];
  const good = ok(byDefault) && ok(large) && n >= 0 && n <= 50 && m >= 0 && m <= 1000;
  this.judge('CC-ISS-017', good, `without pageSize: ${ok(byDefault) ? `${n} comments` : answered(byDefault)}; pageSize 5000: ${ok(large) ? `${m} comments` : answered(large)}`,
    [this.ev(byDefault), this.ev(large), expectation(`at most 50 of the ${String(this.expected)} comments without pageSize; 2xx with at most 1000 for pageSize 5000`, `${n} and ${m}`)]);
});

When('the kit closes the issue', async function (this: CtkWorld) {
  this.observed.push(await this.ctx.api.closeIssue(issueId(this)));
});

Then('the candidate answers with the issue closed', function (this: CtkWorld) {
  const e = this.observed.at(-1)!;
  const state = fieldOf(e.responseBody, 'state');
  this.judge('CC-ISS-019', ok(e) && state === 'STATE_CLOSED', `CloseIssue answered ${answered(e)}`, [this.ev(e), expectation('2xx with the issue in STATE_CLOSED (D66)', answered(e))]);
});

Then('reading the issue back shows it closed', async function (this: CtkWorld) {
  const read = await this.ctx.api.getIssue(issueId(this));
  const state = fieldOf(read.responseBody, 'state');
  this.judge('CC-ISS-019', ok(read) && state === 'STATE_CLOSED', `after CloseIssue, GetIssue reports ${ok(read) ? String(state) : answered(read)}`,
    [this.ev(read), expectation('STATE_CLOSED', ok(read) ? String(state) : answered(read))]);
});

When('the kit files another issue under the same id', async function (this: CtkWorld) {
  this.observed.push((await fileIssue(this, issueRequest('same id again'), issueId(this))).exchange);
});

When('the kit files an issue whose {} is not one the spec defines', async function (this: CtkWorld, field: string) {
  const extra = field === 'priority' ? { priority: 'PRIORITY_URGENT' } : { issueContext: 'ISSUE_CONTEXT_BILLING_ISSUE' };
  this.observed.push((await fileIssue(this, issueRequest(`unknown ${field}`, extra))).exchange);
});
