/**
 * The CLI commands: each parses its options into library calls and returns an exit status.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { CtkError } from '../errors/index.js';
import { loadConfigFile, parseConfig, type RunConfig } from '../config/index.js';
import { createReferencePartner, describeFaultConfig, faultConfig, listFaults, withFaultConfig, type ReferencePartner } from '../reference/index.js';
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
async function resolveTarget(opts: Record<string, unknown>): Promise<{ config: RunConfig; reference: ReferencePartner | null }> {
  const configFile = str(opts['config']);
  const target = str(opts['target']);
  const faults = list(opts['fault']);
  const settle = numberOption(opts['settleSeconds'], '--settle-seconds');
  let reference: ReferencePartner | null = null;
  let raw: Record<string, unknown>;
  if (configFile !== undefined) {
    raw = structuredClone(loadConfigFile(configFile)) as unknown as Record<string, unknown>;
  } else if (target !== undefined) {
    const providerId = str(opts['providerId']);
    if (providerId === undefined) throw new CtkError('CTK_ERR_USAGE', 'with --target and no --config, pass --provider-id (the candidate\'s own provider id)');
    raw = { candidate: { baseUrl: target, providerId, accountId: str(opts['accountId']) ?? 'ctk-customer' } };
  } else {
    reference = await createReferencePartner({ faults });
    raw = { candidate: { baseUrl: reference.baseUrl, providerId: reference.providerId, hooksUrl: reference.hooksUrl, accountId: reference.accountId } };
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
  try {
    return { config: parseConfig(raw, configFile ?? 'command-line options'), reference };
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
  const { config, reference } = await resolveTarget(opts);
  const controller = new AbortController();
  const off = io.onInterrupt(() => { io.err('ictk: interrupted: finishing the current scenario and writing the report (verdict INCOMPLETE)'); controller.abort(); });
  const quiet = opts['quiet'] === true;
  let result: CertifyResult;
  try {
    if (reference !== null && !quiet) io.out(`ictk: certifying the bundled reference partner at ${reference.baseUrl}${list(opts['fault']).length > 0 ? ` with fault(s) ${list(opts['fault']).join(', ')}` : ''}${faultSettings(list(opts['fault']))}`);
    result = await certify({
      config, tags: str(opts['tags']) ?? null, env: io.env, signal: controller.signal,
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

/** `ictk serve-reference`. */
export async function serveReferenceCommand(opts: Record<string, unknown>, io: Io): Promise<number> {
  if (opts['listFaults'] === true) {
    for (const f of listFaults()) io.out(`${f.name.padEnd(32)} breaks ${f.breaks.join(', ').padEnd(24)} ${f.description}`);
    return 0;
  }
  const port = numberOption(opts['port'], '--port') ?? 0;
  const partner = await createReferencePartner({ faults: list(opts['fault']), port, host: str(opts['host']) ?? '127.0.0.1' });
  io.out(`reference partner "${partner.providerId}" listening`);
  io.out(`  API:   ${partner.baseUrl}`);
  io.out(`  hooks: ${partner.hooksUrl}`);
  io.out(`  customer account: ${partner.accountId}${list(opts['fault']).length > 0 ? `\n  faults: ${list(opts['fault']).join(', ')}` : ''}`);
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
  const { config } = await resolveTarget(opts);
  const result = await doctor(config, io.env);
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
