/**
 * The kit's user-facing error catalogue: every error a user can cause has a stable code and an
 * actionable message. Conformance failures are never errors; they are findings in the report.
 * @packageDocumentation
 */

/** Stable codes for errors a user can fix (exit status 2), with the one-line hint shown to them. */
export const ERROR_CODES = {
  CTK_ERR_CONFIG_INVALID: 'The run configuration has invalid keys or values; fix the listed paths.',
  CTK_ERR_CONFIG_READ: 'The configuration file could not be read or parsed; check the path and its YAML/JSON syntax.',
  CTK_ERR_SECRET_MISSING: 'An environment variable named in the configuration for a secret is not set.',
  CTK_ERR_TARGET_UNREACHABLE: 'The candidate API could not be reached; check candidate.baseUrl, the network and TLS settings.',
  CTK_ERR_TARGET_NOT_CC: 'The candidate answered, but not as a Connection Coordinator API under /providers; check candidate.baseUrl.',
  CTK_ERR_AUTH: 'The candidate refused the kit\'s credentials; check candidate.auth and the credentials it names.',
  CTK_ERR_CLOCK_SKEW: 'The local clock differs too much from the candidate\'s for SigV4; synchronise the clock (NTP).',
  CTK_ERR_PREFLIGHT: 'The preflight found setup problems; fix the listed items before judging conformance.',
  CTK_ERR_PEER_LISTEN: 'The kit could not listen for the candidate\'s calls; check kit.peerListen (host:port).',
  CTK_ERR_PEER_AUTH: 'The candidate reached the kit\'s peer API with credentials it refused; give the staging the credentials kit.peerAuth names.',
  CTK_ERR_PEER_UNREACHABLE: 'The candidate could not reach the kit\'s peer API; set kit.peerBaseUrl to an address the candidate can reach.',
  CTK_ERR_TAGS_INVALID: 'The --tags expression is not a valid Cucumber tag expression.',
  CTK_ERR_REPORT_WRITE: 'The report could not be written; check that reportDir is writable.',
  CTK_ERR_REPORT_INVALID: 'The report directory does not hold a valid report (missing or unparsable report.json).',
  CTK_ERR_REPORT_TAMPERED: 'The report files do not match their recorded digests: the report was edited after it was written.',
  CTK_ERR_SPEC_INVALID: 'The OpenAPI document is not valid.',
  CTK_ERR_UPSTREAM_DIR: 'The upstream spec directory does not contain connection-coordinator/openapi.yaml or openapi.yaml.',
  CTK_ERR_FAULT_UNKNOWN: 'No reference fault has that name; run `ictk serve-reference --list-faults`.',
  CTK_ERR_USAGE: 'The command line is not valid; see --help.',
  CTK_ERR_METRICS_INVALID: 'The metrics file could not be parsed as the supported CSV or CloudWatch JSON formats.',
} as const;

/** One stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** An error the user can fix: carries a stable code, a one-line message and optional details (one per line). */
export class CtkError extends Error {
  /** The stable code, matched by callers and documented in the README. */
  readonly code: ErrorCode;
  /** Extra lines, e.g. one per invalid configuration key. */
  readonly details: readonly string[];

  /** Creates a coded error; `message` says what went wrong and what to do. */
  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'CtkError';
    this.code = code;
    this.details = details;
  }
}

/** True when `value` is a {@link CtkError}. */
export function isCtkError(value: unknown): value is CtkError {
  return value instanceof CtkError;
}

/** Formats a user error for stderr: `ictk: CODE: message` plus indented details. */
export function formatUserError(err: CtkError): string {
  const head = `ictk: ${err.code}: ${err.message}`;
  return [head, ...err.details.map((d) => `  - ${d}`)].join('\n');
}
