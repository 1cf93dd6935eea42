/**
 * Whether every documented operation is implemented (CC-SCH-015; governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md
 * #specification-compliance, ERRATA E09): an operation called on resources that exist answers something other than
 * 404 Not Found, 405 Method Not Allowed or 501 Not Implemented. A refusal for a business reason (400, 403, 409, ...)
 * shows the operation is there. Pure functions of the answers observed.
 */

/** One call of an operation, reduced to what the check needs. */
export interface OperationCall {
  /** operationId. */
  readonly operation: string;
  /** HTTP status answered (0 for a transport failure). */
  readonly status: number;
  /** True when every resource the path names exists, so a 404 cannot be a fair answer. */
  readonly targetExists: boolean;
}

/** Statuses that say "this operation is not here" whatever the resources. */
const NOT_THERE = [405, 501];

/** The calls whose answer says the operation is not implemented: 405 or 501 always, 404 on resources that exist. */
export function unimplementedAnswers(calls: readonly OperationCall[]): OperationCall[] {
  return calls.filter((c) => NOT_THERE.includes(c.status) || (c.status === 404 && c.targetExists));
}

/** The documented operations that no call exercised. */
export function uncalledOperations(calls: readonly OperationCall[], documented: readonly string[]): string[] {
  const called = new Set(calls.map((c) => c.operation));
  return documented.filter((op) => !called.has(op));
}
