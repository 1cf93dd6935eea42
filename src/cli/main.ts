/**
 * The `ictk` command line. The only module that touches the process (argv, exit status, stdout/stderr,
 * signals); everything else is the library API it calls.
 * @packageDocumentation
 */
import { Command, CommanderError, Option } from 'commander';
import { CtkError, formatUserError, isCtkError } from '../errors/index.js';
import { kitVersion } from '../runner/run.js';
import { slaEvidenceCommand } from '../sla/index.js';
import { doctorCommand, runCommand, serveReferenceCommand, validateSpecCommand, verifyCommand } from './commands.js';
import type { Io } from './io.js';

/** Exit statuses of `ictk run` (kit-contracts.md section 1). */
export const EXIT = { certified: 0, notCertified: 1, error: 2, interrupted: 130 } as const;

function processIo(): Io {
  // A reader that goes away early (`ictk ... | head`) must not crash the kit.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (err: NodeJS.ErrnoException) => { if (err.code !== 'EPIPE') throw err; });
  return {
    out: (s) => { process.stdout.write(`${s}\n`); },
    err: (s) => { process.stderr.write(`${s}\n`); },
    env: process.env,
    onInterrupt: (fn) => {
      const handler = (): void => { fn(); };
      process.once('SIGINT', handler);
      process.once('SIGTERM', handler);
      return () => { process.off('SIGINT', handler); process.off('SIGTERM', handler); };
    },
    waitForInterrupt: () => new Promise<void>((resolve) => { process.once('SIGINT', () => resolve()); process.once('SIGTERM', () => resolve()); }),
  };
}

/** Builds the commander program; each action resolves to an exit status. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('ictk')
    .description('Conformance test kit for the Connection Coordinator API (AWS Interconnect - multicloud)')
    .version(kitVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run ictk --help for usage)');
  program.command('run')
    .description('certify a candidate (with neither --config nor --target: the bundled reference partner, in-process)')
    .option('--config <file>', 'run configuration (YAML or JSON)')
    .option('--target <url>', 'candidate API root (overrides candidate.baseUrl)')
    .option('--hooks <url>', 'candidate customer-action hooks root (overrides candidate.hooksUrl)')
    .option('--provider-id <id>', 'candidate provider id, with --target and no --config')
    .option('--account-id <id>', 'customer account the kit plays on the candidate side, with --target and no --config', 'ctk-customer')
    .option('--report-dir <dir>', 'where the report is written (overrides reportDir)')
    .option('--tags <expression>', 'Cucumber tag expression selecting scenarios, e.g. "@macsec and not @sla"')
    .addOption(new Option('--fault <name>', 'with the bundled reference: switch on one deliberate defect (repeatable)').argParser((v: string, prev: string[] = []) => [...prev, v]))
    .option('--settle-seconds <n>', 'how long to wait for asynchronous outcomes (overrides timeouts.settleSeconds)')
    .option('--slow', 'also run the scenarios tagged @slow, which take minutes each (sets scenarios.includeSlow)')
    .option('--quiet', 'print only the verdict line')
    .action(async (opts: Record<string, unknown>) => { setExit(await runCommand(opts, io)); });
  program.command('serve-reference')
    .description('run the bundled reference partner as a standalone server')
    .option('--port <n>', 'port to listen on (0: any free port)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('--fault <name>', 'switch on one deliberate defect (repeatable)').argParser((v: string, prev: string[] = []) => [...prev, v]))
    .option('--list-faults', 'list the deliberate defects and the requirements each breaks')
    .option('--api-token-env <name>', 'require on its API the bearer token held in this environment variable')
    .option('--peer-token-env <name>', 'present to its peer the bearer token held in this environment variable')
    .option('--peer-sigv4-env <idEnv,secretEnv>', 'sign its calls to its peer with SigV4, key id and secret held in these two environment variables')
    .option('--peer-sigv4-scope <region/service>', 'SigV4 scope of its calls to its peer', 'us-east-1/interconnect')
    .action(async (opts: Record<string, unknown>) => { setExit(await serveReferenceCommand(opts, io)); });
  program.command('validate-spec')
    .description("validate the kit's encoded spec; with an upstream directory, print the drift between the two")
    .argument('[upstreamDir]', 'upstream spec directory (the repository root or its connection-coordinator folder)')
    .action(async (dir: string | undefined) => { setExit(await validateSpecCommand(dir, io)); });
  program.command('doctor')
    .description('run only the preflight: reachability both ways, authentication, hooks, static resources')
    .option('--config <file>', 'run configuration (YAML or JSON)')
    .option('--target <url>', 'candidate API root')
    .option('--hooks <url>', 'candidate hooks root')
    .option('--provider-id <id>', 'candidate provider id, with --target and no --config')
    .action(async (opts: Record<string, unknown>) => { setExit(await doctorCommand(opts, io)); });
  program.command('verify')
    .description("check a report's integrity (digests, and the signature where signed)")
    .argument('<reportDir>', 'report directory')
    .option('--public-key <file>', 'Ed25519 public key (PEM) the signature must match')
    .action(async (dir: string, opts: Record<string, unknown>) => { setExit(await verifyCommand(dir, opts, io)); });
  program.command('sla-evidence')
    .description("data-plane SLA figures from a partner's monitoring export (exit 0 met, 1 missed)")
    .requiredOption('--metrics <file>', 'CSV (timestamp,packetLossPercent,rttMs,bandwidthMbps) or `aws cloudwatch get-metric-data` JSON')
    .option('--loss-threshold <percent>', 'a sample period counts as down above this packet loss (default 1)')
    .option('--availability <ratio>', 'availability each calendar month must reach (default 0.9999)')
    .option('--rtt-p99-ms <ms>', 'round-trip time the 99th percentile must stay within (default: reported only)')
    .option('--capacity-mbps <mbps>', 'connection capacity, for utilisation peaks')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: Record<string, unknown>) => { setExit(await slaEvidenceCommand(opts, io)); });
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit status. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  try {
    await buildProgram(io, (c) => { code = c; }).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT.error;
    }
    if (isCtkError(err)) {
      io.err(formatUserError(err));
      return EXIT.error;
    }
    io.err(`ictk: internal error (this is a bug in the kit; please report it with the trace below)\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT.error;
  }
}

export { CtkError };
