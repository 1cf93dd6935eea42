/**
 * The CLI commands: each parses its options into library calls and returns an exit status.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import type { Credentials } from '../client/index.js';
import { CtkError } from '../errors/index.js';
import { loadConfigFile, parseConfig, type RunConfig } from '../config/index.js';
import { createReferencePartner, DEFAULT_DEFERRAL_HOUR_MS, REFERENCE_DEFERRAL_TIMEOUT_HOURS, REFERENCE_DEFERRING_ENVIRONMENT, referenceAuthSetup, referenceRunConfig, describeFaultConfig, faultConfig, listFaults, withFaultConfig, type ReferencePartner } from '../reference/index.js';
import { verifyReport } from '../report/index.js';
import { certify, doctor, type CertifyResult } from '../runner/run.js';
import { compareDrift, computeDrift, expectedDrift, formatDrift } from '../spec/drift.js';
import { validateSpecFile } from '../spec/openapi.js';
import type { Io } from './io.js';
import { summaryLines } from './summary.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function numberOption(v: unknown, name: string): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) throw new CtkError('CTK_ERR_USAGE', `${name} must be a non-negative number, got "${s}"`);
  return n;
}

/** Builds the run configuration from --config/--target and overrides; starts the reference partner when neither is given. */
async function resolveTarget(opts: Record<string, unknown>, io: Io): Promise<{ config: RunConfig; reference: ReferencePartner | null; env: NodeJS.ProcessEnv }> {
  const configFile = str(opts['config']);
  const target = str(opts['target']);
  const faults = list(opts['fault']);
  const settle = numberOption(opts['settleSeconds'], '--settle-seconds');
  let reference: ReferencePartner | null = null;
  let raw: Record<string, unknown>;
  let env: NodeJS.ProcessEnv = io.env;
  if (configFile !== undefined) {
    raw = structuredClone(loadConfigFile(configFile)) as unknown as Record<string, unknown>;
  } else if (target !== undefined) {
    const providerId = str(opts['providerId']);
    if (providerId === undefined) throw new CtkError('CTK_ERR_USAGE', 'with --target and no --config, pass --provider-id (the candidate\'s own provider id)');
    raw = { candidate: { baseUrl: target, providerId, accountId: str(opts['accountId']) ?? 'ctk-customer' } };
  } else {
    // Throw-away credentials both ways: a bearer token toward the reference, a SigV4 key toward the kit.
    const auth = referenceAuthSetup();
    reference = await createReferencePartner({ faults, apiAuth: auth.api, peerAuth: auth.peer });
    raw = referenceRunConfig(reference, auth, DEFAULT_DEFERRAL_HOUR_MS);
    env = { ...io.env, ...auth.env };
    // A fault caught only with a tighter threshold (e.g. slow-provisioning: sla.provisioningSeconds 1) brings it along.
    raw = withFaultConfig(raw, faultConfig(faults));
  }
  if (faults.length > 0 && reference === null) throw new CtkError('CTK_ERR_USAGE', '--fault applies only to the bundled reference partner (run without --config and --target)');
  const candidate = { ...(raw['candidate'] as Record<string, unknown>) };
  if (target !== undefined) candidate['baseUrl'] = target;
  if (str(opts['hooks']) !== undefined) candidate['hooksUrl'] = str(opts['hooks']);
  raw['candidate'] = candidate;
  if (str(opts['reportDir']) !== undefined) raw['reportDir'] = str(opts['reportDir']);
  if (settle !== undefined) raw['timeouts'] = { ...(raw['timeouts'] as Record<string, unknown> | undefined), settleSeconds: settle };
  if (opts['slow'] === true) raw['scenarios'] = { ...(raw['scenarios'] as Record<string, unknown> | undefined), includeSlow: true };
  try {
    return { config: parseConfig(raw, configFile ?? 'command-line options'), reference, env };
  } catch (err) {
    await reference?.close();
    throw err;
  }
}

/** The settings the faults bring along, as ` (settings: sla.provisioningSeconds=1)`, or empty. */
function faultSettings(faults: readonly string[]): string {
  const words = describeFaultConfig(faultConfig(faults));
  return words.length > 0 ? ` (settings: ${words.join(', ')})` : '';
}

/** `ictk run`. */
export async function runCommand(opts: Record<string, unknown>, io: Io): Promise<number> {
  const { config, reference, env } = await resolveTarget(opts, io);
  const controller = new AbortController();
  const off = io.onInterrupt(() => { io.err('ictk: interrupted: finishing the current scenario and writing the report (verdict INCOMPLETE)'); controller.abort(); });
  const quiet = opts['quiet'] === true;
  let result: CertifyResult;
  try {
    if (reference !== null && !quiet) io.out(`ictk: certifying the bundled reference partner at ${reference.baseUrl}${list(opts['fault']).length > 0 ? ` with fault(s) ${list(opts['fault']).join(', ')}` : ''}${faultSettings(list(opts['fault']))}`);
    result = await certify({
      config, tags: str(opts['tags']) ?? null, env, signal: controller.signal,
      target: { reference: reference !== null, fault: list(opts['fault']).join(',') || null },
      progress: quiet ? () => undefined : (l) => io.out(l),
    });
  } finally {
    off();
    await reference?.close();
  }
  for (const line of summaryLines(result, quiet)) io.out(line);
  for (const e of result.written.errors) io.err(`ictk: could not write ${e.file}: ${e.message}`);
  if (result.report.verdict === 'INCOMPLETE') return 130;
  return result.report.verdict === 'CERTIFIED' ? 0 : 1;
}

/** Reads a secret for a serve-reference flag; a missing variable is a usage error naming the flag. */
function flagSecret(env: NodeJS.ProcessEnv, name: string, flag: string): string {
  const v = env[name];
  if (v === undefined || v === '') throw new CtkError('CTK_ERR_SECRET_MISSING', `environment variable ${name} (${flag}) is not set`);
  return v;
}

/** The credentials `ictk serve-reference` requires and presents, from its --api-token-env / --peer-* flags. */
function referenceCredentials(opts: Record<string, unknown>, env: NodeJS.ProcessEnv): { apiAuth: Credentials; peerAuth: Credentials } {
  const apiEnv = str(opts['apiTokenEnv']);
  const apiAuth: Credentials = apiEnv === undefined ? { type: 'none' } : { type: 'bearer', token: flagSecret(env, apiEnv, '--api-token-env') };
  const tokenEnv = str(opts['peerTokenEnv']);
  const sigEnv = str(opts['peerSigv4Env']);
  if (tokenEnv !== undefined && sigEnv !== undefined) throw new CtkError('CTK_ERR_USAGE', 'pass either --peer-token-env or --peer-sigv4-env, not both');
  if (tokenEnv !== undefined) return { apiAuth, peerAuth: { type: 'bearer', token: flagSecret(env, tokenEnv, '--peer-token-env') } };
  if (sigEnv === undefined) return { apiAuth, peerAuth: { type: 'none' } };
  const [idEnv, secretEnv, extra] = sigEnv.split(',');
  const [region, service, rest] = (str(opts['peerSigv4Scope']) ?? 'us-east-1/interconnect').split('/');
  if (idEnv === undefined || secretEnv === undefined || extra !== undefined) throw new CtkError('CTK_ERR_USAGE', '--peer-sigv4-env takes two environment variable names separated by a comma, e.g. PEER_KEY_ID,PEER_SECRET');
  if (region === undefined || service === undefined || region === '' || service === '' || rest !== undefined) throw new CtkError('CTK_ERR_USAGE', '--peer-sigv4-scope takes region/service, e.g. us-east-1/interconnect');
  return { apiAuth, peerAuth: { type: 'sigv4', region, service, accessKeyId: flagSecret(env, idEnv, '--peer-sigv4-env'), secretAccessKey: flagSecret(env, secretEnv, '--peer-sigv4-env') } };
}

/** `ictk serve-reference`. */
export async function serveReferenceCommand(opts: Record<string, unknown>, io: Io): Promise<number> {
  if (opts['listFaults'] === true) {
    for (const f of listFaults()) io.out(`${f.name.padEnd(32)} breaks ${f.breaks.join(', ').padEnd(24)} ${f.description}`);
    return 0;
  }
  const port = numberOption(opts['port'], '--port') ?? 0;
  const { apiAuth, peerAuth } = referenceCredentials(opts, io.env);
  const partner = await createReferencePartner({ faults: list(opts['fault']), port, host: str(opts['host']) ?? '127.0.0.1', apiAuth, peerAuth });
  io.out(`reference partner "${partner.providerId}" listening`);
  io.out(`  API:   ${partner.baseUrl}`);
  io.out(`  hooks: ${partner.hooksUrl}`);
  io.out(`  customer account: ${partner.accountId}${list(opts['fault']).length > 0 ? `\n  faults: ${list(opts['fault']).join(', ')}` : ''}`);
  io.out(`  environment ${REFERENCE_DEFERRING_ENVIRONMENT} defers every connection entered there; its ${REFERENCE_DEFERRAL_TIMEOUT_HOURS}-hour deferral timeout lasts ${(REFERENCE_DEFERRAL_TIMEOUT_HOURS * DEFAULT_DEFERRAL_HOUR_MS) / 1000} s here (set timeouts.deferralRollbackSeconds to that)`);
  io.out(`  requires on its API: ${apiAuth.type === 'none' ? 'no credentials' : 'a bearer token'}; presents to its peer: ${peerAuth.type === 'none' ? 'no credentials' : peerAuth.type === 'bearer' ? 'a bearer token' : 'SigV4 signatures'}`);
  io.out('press Ctrl-C to stop');
  await io.waitForInterrupt();
  await partner.close();
  return 0;
}

/** `ictk validate-spec [UPSTREAM_DIR]`. */
export async function validateSpecCommand(dir: string | undefined, io: Io): Promise<number> {
  const ours = await validateSpecFile();
  if (!ours.valid) {
    io.err(`ictk: CTK_ERR_SPEC_INVALID: the kit's spec/openapi.yaml is invalid:\n${ours.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 1;
  }
  io.out("spec/openapi.yaml: valid OpenAPI 3.0 (checked with swagger-parser)");
  if (dir === undefined) return 0;
  const drift = await computeDrift(dir);
  const expected = expectedDrift();
  io.out(formatDrift(drift, expected));
  const { unexplained, missing } = compareDrift(drift, expected);
  if (unexplained.length === 0 && missing.length === 0) {
    io.out('Every drift line is explained in spec/ERRATA.md.');
    return 0;
  }
  io.out(`${unexplained.length} drift line(s) not explained by spec/ERRATA.md, ${missing.length} errata line(s) no longer observed: re-encode the spec and update ERRATA.md`);
  return 1;
}

/** `ictk doctor`. */
export async function doctorCommand(opts: Record<string, unknown>, io: Io): Promise<number> {
  if (str(opts['config']) === undefined && str(opts['target']) === undefined) throw new CtkError('CTK_ERR_USAGE', 'doctor needs --config FILE or --target URL --provider-id ID');
  const { config, env } = await resolveTarget(opts, io);
  const result = await doctor(config, env);
  for (const i of result.items) io.out(`${i.ok ? 'ok  ' : (i.blocking ? 'FAIL' : 'warn')} ${i.check}: ${i.detail}`);
  io.out('preflight passed: the candidate is set up for a certification run');
  return 0;
}

/** `ictk verify REPORT_DIR`. */
export async function verifyCommand(dir: string, opts: Record<string, unknown>, io: Io): Promise<number> {
  const keyFile = str(opts['publicKey']);
  let publicKeyPem: string | undefined;
  if (keyFile !== undefined) {
    try { publicKeyPem = readFileSync(keyFile, 'utf8'); } catch (err) { throw new CtkError('CTK_ERR_USAGE', `cannot read --public-key ${keyFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`); }
  }
  const r = await verifyReport(dir, publicKeyPem !== undefined ? { publicKeyPem } : {});
  if (r.ok) {
    io.out(`${dir}: intact${r.signed ? ', signature verified' : ' (unsigned)'}; verdict ${r.verdict ?? 'unknown'}`);
    return 0;
  }
  // A folder that holds no readable report is a different problem from a report that was edited.
  const invalid = r.problems.every((p) => /is missing|could not be read|not a valid integrity manifest|does not match the report schema/.test(p));
  const code = invalid ? 'CTK_ERR_REPORT_INVALID' : 'CTK_ERR_REPORT_TAMPERED';
  io.err(`ictk: ${code}: ${dir} failed verification:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
  return 1;
}
