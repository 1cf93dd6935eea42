/**
 * The fixed vocabularies of the requirement catalog (kit-contracts.md section 4).
 * @packageDocumentation
 */

/** The requirement categories a report groups verdicts by. */
export const CATEGORIES = [
  'schema',
  'activation-key',
  'negotiation',
  'lifecycle',
  'deferral',
  'macsec',
  'maintenance',
  'resiliency',
  'sla',
  'security',
  'issues',
] as const;

/** One requirement category. */
export type Category = (typeof CATEGORIES)[number];

/** Normative strength of a requirement (RFC 2119 keywords, upstream wording mapped onto three levels). */
export const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;

/** One normative level. */
export type Level = (typeof LEVELS)[number];

/** Who a requirement binds: the server answering the peer, the client calling it, both, or the implementer's deployment. */
export const ACTORS = ['server', 'client', 'both', 'implementer'] as const;

/** One actor. */
export type Actor = (typeof ACTORS)[number];

/** The outcome of one requirement in a report. */
export const STATUSES = ['passed', 'failed', 'skipped', 'not-applicable'] as const;

/** One requirement outcome. */
export type Status = (typeof STATUSES)[number];
