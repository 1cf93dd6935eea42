/**
 * Judging the candidate's answers to calls the kit sent with missing, wrong or foreign credentials
 * (CC-SEC-003..005) and the credentials on the candidate's own calls to the kit (CC-SEC-006).
 * @packageDocumentation
 */

/** One probe the kit sent and the status the candidate answered (0: no answer). */
export interface AuthProbe {
  /** What was wrong with the call, in words (e.g. "signed with a wrong secret key"). */
  readonly label: string;
  /** Status answered. */
  readonly status: number;
}

/** The verdict on a set of probes, with one row per probe for the report. */
export interface ProbeVerdict {
  /** True when every probe was refused as required. */
  readonly ok: boolean;
  /** One sentence for the report. */
  readonly summary: string;
  /** Rows: what was sent, the status answered, whether that is a refusal. */
  readonly rows: readonly (readonly [string, string, string])[];
}

const statusText = (s: number): string => (s === 0 ? 'no answer' : String(s));

/**
 * Calls with missing or invalid credentials must be refused with 401 or 403 (CC-SEC-003, -004): anything else,
 * a success above all, fails.
 */
export function judgeCredentialProbes(probes: readonly AuthProbe[]): ProbeVerdict {
  const rows = probes.map((p) => [p.label, statusText(p.status), p.status === 401 || p.status === 403 ? 'refused' : 'NOT refused with 401/403'] as const);
  const bad = probes.filter((p) => p.status !== 401 && p.status !== 403);
  return {
    ok: probes.length > 0 && bad.length === 0,
    summary: bad.length === 0
      ? `the candidate refused all ${probes.length} call(s) with ${[...new Set(probes.map((p) => p.status))].join('/')}`
      : `the candidate did not refuse with 401 or 403: ${bad.map((p) => `${p.label} → ${statusText(p.status)}`).join('; ')}`,
    rows,
  };
}

/**
 * Calls under a provider id the caller may not use must be refused (CC-SEC-005). Any 4xx is a refusal (401/403
 * for "not yours", 404 for "no such provider" are both readings of the spec); a success or a 5xx is not.
 */
export function judgeForeignProviderProbes(probes: readonly AuthProbe[]): ProbeVerdict {
  const refused = (s: number): boolean => s >= 400 && s < 500;
  const rows = probes.map((p) => [p.label, statusText(p.status), refused(p.status) ? 'refused' : 'NOT refused'] as const);
  const bad = probes.filter((p) => !refused(p.status));
  return {
    ok: probes.length > 0 && bad.length === 0,
    summary: bad.length === 0
      ? `the candidate refused the call(s) under provider ids it must not serve (${probes.map((p) => statusText(p.status)).join(', ')})`
      : `the candidate served or failed on calls it must refuse: ${bad.map((p) => `${p.label} → ${statusText(p.status)}`).join('; ')}`,
    rows,
  };
}

/** One call the candidate made to the kit, with the kit's judgement of its credentials. */
export interface ReceivedCallAuth {
  /** operationId. */
  readonly operation: string;
  /** Sequence number in the run's log. */
  readonly seq: number;
  /** Whether its credentials were valid. */
  readonly ok: boolean;
  /** Why not, free of secrets. */
  readonly detail: string;
}

/** Every call the candidate made to the kit must carry the credentials the kit requires (CC-SEC-006). */
export function judgeCandidateCalls(calls: readonly ReceivedCallAuth[]): ProbeVerdict {
  const bad = calls.filter((c) => !c.ok);
  const byOp = new Map<string, number>();
  for (const c of calls) byOp.set(c.operation, (byOp.get(c.operation) ?? 0) + 1);
  const rows = bad.length > 0
    ? bad.slice(0, 50).map((c) => [`#${c.seq} ${c.operation}`, 'refused', c.detail] as const)
    : [...byOp].map(([op, n]) => [op, String(n), 'all authenticated'] as const);
  return {
    ok: calls.length > 0 && bad.length === 0,
    summary: calls.length === 0
      ? 'the candidate made no call to the kit, so its credentials could not be judged'
      : bad.length === 0
        ? `all ${calls.length} call(s) the candidate made to the kit carried valid credentials`
        : `${bad.length} of ${calls.length} call(s) the candidate made to the kit lacked valid credentials (${[...new Set(bad.map((c) => c.operation))].join(', ')})`,
    rows,
  };
}
