/**
 * Facts environments and interconnects publish for the other provider: the capacity facts capacity planning needs
 * (CC-SCH-022; governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#resource-management, ERRATA D56, D69) and the
 * deferral timeout (CC-DEF-008; schemas/environment.yaml#Environment, ERRATA D25, D51). Pure functions of the
 * resources as returned.
 */

/** The longest deferral timeout that still ends before the 7-day cleanup of unfinished connections, in hours. */
export const MAX_DEFERRAL_TIMEOUT_HOURS = 7 * 24;

function sizeProblems(body: Readonly<Record<string, unknown>>): string[] {
  const sizes = body['supportedConnectionSizeMbps'];
  if (sizes === undefined) return ['no supportedConnectionSizeMbps'];
  if (!Array.isArray(sizes) || sizes.length === 0) return [`supportedConnectionSizeMbps is ${JSON.stringify(sizes)}, not a list of sizes`];
  const bad = sizes.filter((s) => typeof s !== 'number' || !Number.isInteger(s) || s <= 0);
  return bad.length > 0 ? [`supportedConnectionSizeMbps holds ${bad.map((b) => JSON.stringify(b)).join(', ')}, not sizes in Mbps`] : [];
}

/**
 * What an environment or interconnect leaves out of the capacity facts: its connection sizes (both) and, for an
 * interconnect, a positive maxBandwidthMbps. Empty when every fact is published.
 */
export function capacityFactProblems(kind: 'environment' | 'interconnect', body: Readonly<Record<string, unknown>>): string[] {
  const out = sizeProblems(body);
  if (kind === 'interconnect') {
    const max = body['maxBandwidthMbps'];
    if (max === undefined) out.push('no maxBandwidthMbps');
    else if (typeof max !== 'number' || !Number.isInteger(max) || max <= 0) out.push(`maxBandwidthMbps is ${JSON.stringify(max)}, not a positive number of Mbps`);
  }
  return out;
}

/** How an environment's deferralTimeoutHours reads. */
export type DeferralTimeoutReading =
  | { readonly set: false }
  | { readonly set: true; readonly hours: number; readonly problem?: string };

/**
 * Reads deferralTimeoutHours. Absent, null and 0 count as not set (0 is the int32 default and upstream's own
 * example, D25). A set value must be a whole number of hours from 1 to {@link MAX_DEFERRAL_TIMEOUT_HOURS}: a
 * longer wait would outlast the 7-day rule under which either provider may delete an unfinished connection (D51).
 */
export function readDeferralTimeout(value: unknown): DeferralTimeoutReading {
  if (value === undefined || value === null || value === 0) return { set: false };
  if (typeof value !== 'number' || !Number.isInteger(value)) return { set: true, hours: Number.NaN, problem: `deferralTimeoutHours is ${JSON.stringify(value)}, not a whole number of hours` };
  if (value < 0) return { set: true, hours: value, problem: `deferralTimeoutHours ${value} is negative` };
  if (value > MAX_DEFERRAL_TIMEOUT_HOURS) {
    return { set: true, hours: value, problem: `deferralTimeoutHours ${value} outlasts the ${MAX_DEFERRAL_TIMEOUT_HOURS} hours after which an unfinished connection may be deleted` };
  }
  return { set: true, hours: value };
}
