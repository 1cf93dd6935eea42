/**
 * Steps for features/authentication.feature: calls to the candidate with missing, wrong or foreign credentials
 * (src/checks/authentication.ts judges the answers), and the credentials on the candidate's calls to the kit.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { noAuth, signerFor, type Credentials, type Exchange, type Signer } from '../src/client/index.js';
import { judgeCandidateCalls, judgeCredentialProbes, judgeForeignProviderProbes } from '../src/checks/index.js';
import { expectation, note } from '../src/runner/evidence.js';
import type { Evidence } from '../src/report/schema.js';
import type { CtkWorld } from './support/world.js';

/** Probes sent in this scenario: what was wrong with each call, and the exchange. */
const PROBES = new WeakMap<CtkWorld, Array<{ label: string; exchange: Exchange }>>();

const STALE_MS = 20 * 60 * 1000;

/** Ways to get the kit's own credentials wrong, for the scheme the run uses. */
function wrongCredentials(c: Credentials): Array<{ label: string; signer: Signer }> {
  const junk = (): string => randomBytes(18).toString('base64url');
  if (c.type === 'bearer') return [{ label: 'a bearer token that is not the configured one', signer: signerFor({ type: 'bearer', token: `ctk-wrong-${junk()}` }) }];
  if (c.type === 'sigv4') {
    return [
      { label: 'SigV4 signed with a wrong secret key', signer: signerFor({ ...c, secretAccessKey: junk() }) },
      { label: 'SigV4 with an access key id nobody issued', signer: signerFor({ ...c, accessKeyId: `AKIACTK${randomBytes(6).toString('hex').toUpperCase()}` }) },
      { label: 'SigV4 signed correctly but twenty minutes ago', signer: signerFor(c, () => new Date(Date.now() - STALE_MS)) },
    ];
  }
  return [];
}

async function probe(w: CtkWorld, label: string, path: string, signer?: Signer): Promise<void> {
  const exchange = await w.ctx.api.http.call({ operation: 'ListEnvironments', method: 'GET', path, ...(signer !== undefined ? { signer } : {}) });
  PROBES.set(w, [...(PROBES.get(w) ?? []), { label, exchange }]);
}

function notJudgeable(w: CtkWorld): string | undefined {
  return w.ctx.config.candidate.auth.type === 'none'
    ? 'the run gives the kit no credentials for the candidate (candidate.auth is none), so an open staging cannot be told from one that checks credentials; configure candidate.auth to have this judged'
    : undefined;
}

function probeEvidence(w: CtkWorld, rows: ReadonlyArray<readonly string[]>): Evidence[] {
  const sent = PROBES.get(w) ?? [];
  return [
    { kind: 'table', title: 'Calls the kit sent with credentials it knew to be missing or wrong', columns: ['what was wrong', 'status', 'outcome'], rows: rows.map((r) => [...r]) },
    ...sent.flatMap((p) => [note(`the next call was sent with ${p.label}`), w.ev(p.exchange)]),
  ];
}

When('the kit calls the candidate without credentials', async function (this: CtkWorld) {
  const why = notJudgeable(this);
  if (why !== undefined) return this.notApplicableAll(why);
  await probe(this, 'no Authorization header', `${this.ctx.api.providerPath()}/environments`, noAuth);
  return undefined;
});

When('the kit calls the candidate with credentials that are wrong in each way it can make them', async function (this: CtkWorld) {
  const why = notJudgeable(this);
  if (why !== undefined) return this.notApplicableAll(why);
  for (const wrong of wrongCredentials(this.ctx.credentials)) await probe(this, wrong.label, `${this.ctx.api.providerPath()}/environments`, wrong.signer);
  return undefined;
});

Then('the candidate refuses each of those calls with 401 or 403', function (this: CtkWorld) {
  const id = this.tagged.find((t) => t === 'CC-SEC-003' || t === 'CC-SEC-004') ?? 'CC-SEC-004';
  const sent = PROBES.get(this) ?? [];
  const v = judgeCredentialProbes(sent.map((p) => ({ label: p.label, status: p.exchange.status })));
  this.judge(id, v.ok, v.summary, [expectation('401 or 403 to every call', v.rows.map((r) => `${r[0]}: ${r[1]}`).join('; ')), ...probeEvidence(this, v.rows)]);
});

When('the kit calls the candidate under provider ids its credentials do not cover', async function (this: CtkWorld) {
  const unknown = `ctk-unknown-${randomBytes(4).toString('hex')}`;
  await probe(this, `provider id "${unknown}", which nobody registered`, `${this.ctx.api.providerPath(unknown)}/environments`);
  const list = await this.ctx.api.http.call({ operation: 'ListProviders', method: 'GET', path: '/providers' });
  const body = list.responseBody as { providers?: Array<{ name?: unknown; providerId?: unknown }> } | undefined;
  const own = new Set([this.ctx.config.kit.providerId, this.ctx.config.candidate.providerId]);
  const others = (body?.providers ?? []).map((p) => String(p.providerId ?? String(p.name ?? '').split('/').pop() ?? '')).filter((id) => id !== '' && !own.has(id));
  const other = others[0];
  if (other !== undefined) await probe(this, `provider id "${other}", another provider the candidate knows`, `${this.ctx.api.providerPath(other)}/environments`);
  else this.seen.set('no-other-provider', list);
});

Then('the candidate refuses each call under a provider id the kit may not use', function (this: CtkWorld) {
  const sent = PROBES.get(this) ?? [];
  const v = judgeForeignProviderProbes(sent.map((p) => ({ label: p.label, status: p.exchange.status })));
  const partial = this.seen.has('no-other-provider') ? [note('ListProviders named no provider besides the kit and the candidate, so calls under another known provider\'s id were not probed (that needs a second identity)')] : [];
  this.judge('CC-SEC-005', v.ok, v.summary, [expectation('a 4xx refusal for every call', v.rows.map((r) => `${r[0]}: ${r[1]}`).join('; ')), ...partial, ...probeEvidence(this, v.rows)]);
});

Then('every call the candidate has made to the kit so far carried the credentials the kit requires', function (this: CtkWorld) {
  const scheme = this.ctx.peer.authScheme;
  if (scheme === 'none') {
    this.notApplicable('CC-SEC-006', 'the run does not require credentials on the candidate\'s calls to the kit (kit.peerAuth is none); set kit.peerAuth to the scheme your production peer requires (SigV4 toward AWS) to have this judged');
    return;
  }
  const calls = this.ctx.peer.calls(0).filter((c) => c.operation !== 'unknown');
  const v = judgeCandidateCalls(calls.map((c) => ({ operation: c.operation, seq: c.seq, ok: c.auth.ok, detail: c.auth.detail })));
  this.judge('CC-SEC-006', v.ok, v.summary, [
    expectation(`valid ${scheme === 'sigv4' ? 'SigV4 signatures' : 'bearer tokens'} (kit.peerAuth) on every call`, v.summary),
    { kind: 'table', title: v.ok ? 'Calls the candidate made to the kit, by operation' : 'Calls the kit refused for their credentials', columns: v.ok ? ['operation', 'calls', 'credentials'] : ['call', 'answer', 'why'], rows: v.rows.map((r) => [...r]) },
  ]);
});
