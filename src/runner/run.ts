/**
 * A certification run: preflight, the peer API, the scenarios, the verdict and the report.
 * This is the public API the CLI calls; a partner can call it from code too.
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoordinatorApi, ExchangeLog, HooksApi, HttpClient, signerFor, type Credentials } from '../client/index.js';
import { readSecret, type RunConfig } from '../config/index.js';
import { startPeer, type RunningPeer } from '../peer/index.js';
import { redactSecrets, writeReport, type ReportInput, type WriteReportResult } from '../report/index.js';
import { loadCatalog } from '../spec/catalog.js';
import { packageRoot } from '../spec/spec-files.js';
import { createValidators } from '../spec/validators.js';
import { assembleReport } from './assemble.js';
import { registerRun, unregisterRun, type RunContext } from './context.js';
import { runFeatures, type ScenarioOutcome } from './cucumber.js';
import { readScenarios, tagFilter } from './features.js';
import { JudgementBook } from './judgements.js';
import { preflight, type PreflightResult } from './preflight.js';
import { toMermaid } from './sequence.js';

/** Options of {@link certify}. */
export interface CertifyOptions {
  /** The validated run configuration. */
  readonly config: RunConfig;
  /** Cucumber tag expression selecting scenarios; all when empty. */
  readonly tags?: string | null;
  /** Where secrets named in the configuration are read from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Facts about the target for the report (is it the bundled reference, with which fault). */
  readonly target?: { readonly reference: boolean; readonly fault: string | null };
  /** Progress lines (one per scenario and phase). */
  readonly progress?: (line: string) => void;
  /** When aborted, the run stops after the current scenario and the report says INCOMPLETE. */
  readonly signal?: AbortSignal;
}

/** What a run produced. */
export interface CertifyResult {
  /** The report as written. */
  readonly report: ReportInput;
  /** Absolute report directory. */
  readonly reportDir: string;
  /** What the writers wrote and any writer errors. */
  readonly written: WriteReportResult;
}

/** An authentication setting of the run configuration, with its secrets still named by environment variable. */
type AuthSetting = RunConfig['candidate']['auth'] | RunConfig['kit']['peerAuth'];

/** Resolves an authentication setting into credentials, reading the secrets it names from `env`; `path` names the key in errors. */
export function credentialsFor(a: AuthSetting, env: NodeJS.ProcessEnv, path: string): Credentials {
  if (a.type === 'bearer') return { type: 'bearer', token: readSecret(a.tokenEnv, env, `${path}.tokenEnv`) };
  if (a.type === 'sigv4') {
    const tokenEnv = 'sessionTokenEnv' in a ? a.sessionTokenEnv : undefined;
    const token = tokenEnv != null ? readSecret(tokenEnv, env, `${path}.sessionTokenEnv`) : undefined;
    return {
      type: 'sigv4', region: a.region, service: a.service,
      accessKeyId: readSecret(a.accessKeyIdEnv, env, `${path}.accessKeyIdEnv`),
      secretAccessKey: readSecret(a.secretAccessKeyEnv, env, `${path}.secretAccessKeyEnv`),
      ...(token !== undefined ? { sessionToken: token } : {}),
    };
  }
  return { type: 'none' };
}

/** The candidate's calls the peer refused for their credentials, as `operation: why`. */
function authRefusals(peer: RunningPeer): string[] {
  return peer.calls(0).filter((c) => c.auth.checked && !c.auth.ok).map((c) => `${c.operation}: ${c.auth.detail}`);
}

/** The kit's version from package.json. */
export function kitVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The clients and peer a run (or the preflight alone) needs. */
export interface Session {
  /** The candidate's API. */
  readonly api: CoordinatorApi;
  /** The candidate's hooks. */
  readonly hooks: HooksApi | null;
  /** The kit's peer API. */
  readonly peer: RunningPeer;
  /** Every exchange. */
  readonly log: ExchangeLog;
  /** The kit's resolved credentials for the candidate. */
  readonly credentials: Credentials;
  /** Closes clients and the peer. */
  close(): Promise<void>;
}

/** Opens clients to the candidate and starts the kit's peer API. */
export async function openSession(config: RunConfig, env: NodeJS.ProcessEnv = process.env): Promise<Session> {
  const candidateCredentials = credentialsFor(config.candidate.auth, env, 'candidate.auth');
  const signer = signerFor(candidateCredentials);
  const peerAuth = credentialsFor(config.kit.peerAuth, env, 'kit.peerAuth');
  const log = new ExchangeLog(redactSecrets);
  const common = { signer, timeoutMs: config.timeouts.requestMs, tls: config.candidate.tls, log } as const;
  const http = new HttpClient({ baseUrl: config.candidate.baseUrl, ...common });
  const hooksHttp = config.candidate.hooksUrl !== null ? new HttpClient({ baseUrl: config.candidate.hooksUrl, ...common }) : null;
  const peer = await startPeer({ providerId: config.kit.providerId, candidateProviderId: config.candidate.providerId, listen: config.kit.peerListen, publicBaseUrl: config.kit.peerBaseUrl, log, auth: peerAuth });
  peer.connectCandidate({ providerId: config.candidate.providerId, baseUrl: config.candidate.baseUrl, authHeaders: async (req) => {
    const url = new URL(req.url);
    const headers = await signer({ method: req.method, url, headers: { 'content-type': 'application/json' }, ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}) });
    return headers;
  } });
  return {
    api: new CoordinatorApi(http, config.kit.providerId),
    hooks: hooksHttp !== null ? new HooksApi(hooksHttp) : null,
    peer, log, credentials: candidateCredentials,
    async close() { await Promise.allSettled([http.close(), hooksHttp?.close(), peer.close()]); },
  };
}

/** Runs only the preflight (`ictk doctor`). */
export async function doctor(config: RunConfig, env: NodeJS.ProcessEnv = process.env): Promise<PreflightResult> {
  const s = await openSession(config, env);
  try {
    return await preflight({ api: s.api, hooks: s.hooks, kitProviderId: config.kit.providerId, peerBaseUrl: s.peer.baseUrl, sigv4: config.candidate.auth.type === 'sigv4', peerAuthRefusals: () => authRefusals(s.peer) });
  } finally {
    await s.close();
  }
}

/** Runs a certification and writes the report; user errors (bad setup) throw a CtkError before any judging. */
export async function certify(o: CertifyOptions): Promise<CertifyResult> {
  const startedAt = new Date();
  const { config } = o;
  const progress = o.progress ?? ((): void => undefined);
  const root = packageRoot();
  const tags = o.tags ?? null;
  const select = tagFilter(tags);
  const catalog = loadCatalog();
  const all = readScenarios(join(root, 'features'));
  const session = await openSession(config, o.env ?? process.env);
  try {
    progress(`preflight: ${config.candidate.baseUrl}`);
    const pre = await preflight({ api: session.api, hooks: session.hooks, kitProviderId: config.kit.providerId, peerBaseUrl: session.peer.baseUrl, sigv4: config.candidate.auth.type === 'sigv4', peerAuthRefusals: () => authRefusals(session.peer) });
    session.peer.mirror(pre.topology);
    const judgements = new JudgementBook();
    const ctx: RunContext = {
      config, api: session.api, hooks: session.hooks, hooksPresent: pre.hooksPresent, peer: session.peer, topology: pre.topology,
      log: session.log, validator: createValidators(), judgements, authScheme: config.candidate.auth.type, credentials: session.credentials,
      settleMs: config.timeouts.settleSeconds * 1000, quietMs: Math.min(config.timeouts.quietMs, config.timeouts.settleSeconds * 1000), progress, aborted: () => o.signal?.aborted === true,
    };
    const runId = randomUUID();
    registerRun(runId, ctx);
    const outcomes: ScenarioOutcome[] = [];
    const sequences: NonNullable<ReportInput['sequences']> = [];
    let lastSeq = session.log.lastSeq;
    let lastAt = Date.now();
    const selected = all.filter((s) => select(s.tags));
    try {
      await runFeatures({
        featuresDir: join(root, 'features'), stepsDir: join(root, 'dist', 'steps'), runId, tags: tags ?? '',
        onScenario: (s) => {
          outcomes.push(s);
          const mark = s.status === 'passed' ? 'ok  ' : s.status === 'failed' ? 'FAIL' : 'skip';
          const took = ((Date.now() - lastAt) / 1000).toFixed(1);
          lastAt = Date.now();
          progress(`  ${mark} [${outcomes.length}/${selected.length}] ${s.feature.replace(/\.feature$/, '')}: ${s.name} (${took}s)${s.message !== undefined && s.status === 'failed' ? ` (${s.message})` : ''}`);
          const exchanges = session.log.between(lastSeq + 1);
          lastSeq = session.log.lastSeq;
          if (exchanges.some((e) => e.direction === 'candidate') || /negotiat|lifecycle/.test(s.feature)) {
            sequences.push({ kind: 'sequence', title: `${s.feature.replace(/\.feature$/, '')}: ${s.name}`, mermaid: toMermaid(exchanges, config.kit.providerId, config.candidate.providerId),
              requirements: s.tags.map((t) => t.slice(1)).filter((t) => t.startsWith('CC-')) });
          }
        },
      });
    } finally {
      unregisterRun(runId);
    }
    const interrupted = o.signal?.aborted === true;
    const report = assembleReport({
      kitVersion: kitVersion(), catalog, judgements, allScenarios: all, selectedScenarios: selected, outcomes, preflight: pre.items,
      candidate: { baseUrl: config.candidate.baseUrl, providerId: config.candidate.providerId, hooksUrl: config.candidate.hooksUrl },
      run: { tags, reference: o.target?.reference ?? false, fault: o.target?.fault ?? null },
      startedAt, finishedAt: new Date(), interrupted, sequences,
    });
    const reportDir = resolve(config.reportDir);
    const signingKey = config.report.signingKeyEnv !== null ? readSecret(config.report.signingKeyEnv, o.env ?? process.env, 'report.signingKeyEnv') : undefined;
    const written = await writeReport(report, reportDir, signingKey !== undefined ? { signingKeyPem: signingKey } : {});
    return { report, reportDir, written };
  } finally {
    await session.close();
  }
}
