/**
 * MACsec key checks, pure: MKA well-formedness of key material (CAK of 32 or 64 hex digits, CKN of an even
 * number of hex digits up to 64), freshness across rotations and channels, a low-entropy heuristic, and the
 * rotation rules evaluated from observed key lists and calls (docs/Protocols.md#macsec-key-rotation,
 * schemas/macseckey.yaml; spec-defects D30, D31, D47, D49). Findings never carry key material: only
 * fingerprints (the first 8 hex digits of the SHA-256).
 */
import { createHash } from 'node:crypto';

/** The 2-hour bake time after a rotation on a channel, in ms. */
export const BAKE_MS = 2 * 60 * 60 * 1000;

/** Slack around the bake time and the server clock (ERRATA D30: do not probe the boundary), in ms. */
export const CLOCK_SLACK_MS = 5 * 60 * 1000;

/** Status codes ERRATA D49 accepts for a declined MACsec operation (409 recommended). */
export const D49_DECLINE_CODES: readonly number[] = [400, 403, 409, 412];

/** Key material as sent in a CreateMacSecKey (held in memory only, never written). */
export interface KeyMaterial {
  /** The CAK as sent (any JSON value). */
  readonly cak: unknown;
  /** The CKN as sent (any JSON value). */
  readonly ckn: unknown;
}

/** Which rule a key-material finding breaks. */
export type MaterialRule = 'cak-format' | 'ckn-format' | 'low-entropy' | 'ckn-reveals-cak' | 'reused';

/** One problem with key material; `detail` names the problem, never the material. */
export interface MaterialFinding {
  /** The rule broken. */
  readonly rule: MaterialRule;
  /** The field concerned. */
  readonly field: 'cak' | 'ckn';
  /** What is wrong, in words (fingerprints at most). */
  readonly detail: string;
}

/** Key material with a label saying where it was seen (e.g. `ix1/channel2 key k-2`). */
export interface LabelledMaterial extends KeyMaterial {
  /** Where the material was seen. */
  readonly label: string;
}

const HEX = /^[0-9a-fA-F]+$/;

/** The first 8 hex digits of the SHA-256 of a secret, or `absent` / `empty` when there is none. */
export function keyFingerprint(value: unknown): string {
  if (value === undefined || value === null) return 'absent';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === '') return 'empty';
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** `cak sha256:XXXXXXXX, ckn sha256:YYYYYYYY`: how evidence names key material. */
export function materialLabel(m: KeyMaterial): string {
  return `cak sha256:${keyFingerprint(m.cak)}, ckn sha256:${keyFingerprint(m.ckn)}`;
}

function describeShape(value: unknown): string {
  if (typeof value !== 'string') return value === undefined ? 'absent' : `a ${value === null ? 'null' : typeof value}`;
  if (value === '') return 'empty';
  return `${value.length} characters${HEX.test(value) ? ' of hex' : ', not all hex digits'}`;
}

/** Findings for material that does not suit MKA: CAK 32 or 64 hex digits; CKN 2 to 64 hex digits, an even count. */
export function materialFormatFindings(m: KeyMaterial): MaterialFinding[] {
  const out: MaterialFinding[] = [];
  const cak = m.cak;
  if (typeof cak !== 'string' || !HEX.test(cak) || (cak.length !== 32 && cak.length !== 64)) {
    out.push({ rule: 'cak-format', field: 'cak', detail: `CAK is ${describeShape(cak)}; MKA needs 32 or 64 hex digits (AES-128 or AES-256)` });
  }
  const ckn = m.ckn;
  if (typeof ckn !== 'string' || !HEX.test(ckn) || ckn.length % 2 !== 0 || ckn.length > 64) {
    out.push({ rule: 'ckn-format', field: 'ckn', detail: `CKN is ${describeShape(ckn)}; MKA needs an even number of hex digits, 2 to 64` });
  }
  return out;
}

/** Shannon entropy of the digits of `text`, in bits per digit (0 for an empty string). */
export function entropyBitsPerDigit(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text.toLowerCase()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function longestRun(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = i > 0 && text[i] === text[i - 1] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

function smallestPeriod(text: string): number {
  for (let p = 1; p <= text.length / 4; p++) {
    let periodic = true;
    for (let i = p; i < text.length && periodic; i++) periodic = text[i] === text[i - p];
    if (periodic) return p;
  }
  return 0;
}

function steppedShare(digits: readonly number[]): number {
  if (digits.length < 2) return 0;
  let up = 0;
  let down = 0;
  for (let i = 1; i < digits.length; i++) {
    const d = ((digits[i] ?? 0) - (digits[i - 1] ?? 0) + 16) % 16;
    if (d === 1) up += 1;
    if (d === 15) down += 1;
  }
  return Math.max(up, down) / (digits.length - 1);
}

/**
 * Reasons a hex string of at least 16 digits looks low in entropy: under 2.5 bits per digit (3 for 64 digits or
 * more; random hex gives about 3.4 and 3.7, and none of 200,000 random CAKs of either length came near), fewer than
 * 8 distinct digits, a run of 8 equal digits, a repeating pattern, or mostly counting up or down. A random CAK trips
 * none of them except with negligible probability; passing them proves nothing.
 */
export function lowEntropyReasons(hex: string): string[] {
  if (hex.length < 16 || !HEX.test(hex)) return [];
  const text = hex.toLowerCase();
  const reasons: string[] = [];
  const bits = entropyBitsPerDigit(text);
  const floor = text.length >= 64 ? 3 : 2.5;
  if (bits < floor) reasons.push(`${bits.toFixed(2)} bits of entropy per digit (random hex of this length gives about ${text.length >= 64 ? '3.7' : '3.4'})`);
  const distinct = new Set(text).size;
  if (distinct < 8) reasons.push(`only ${distinct} distinct digits`);
  const run = longestRun(text);
  if (run >= 8) reasons.push(`a run of ${run} equal digits`);
  const period = smallestPeriod(text);
  if (period > 0) reasons.push(`a pattern repeating every ${period} digits`);
  const stepped = steppedShare([...text].map((c) => Number.parseInt(c, 16)));
  if (stepped > 0.5) reasons.push(`${Math.round(stepped * 100)}% of digits count up or down from the previous one`);
  return reasons;
}

/** Findings for weak material: a CAK low in entropy, or a CKN equal to the CAK (MKA sends the CKN in the clear). */
export function strengthFindings(m: KeyMaterial): MaterialFinding[] {
  const out: MaterialFinding[] = [];
  if (typeof m.cak === 'string') {
    const reasons = lowEntropyReasons(m.cak);
    if (reasons.length > 0) out.push({ rule: 'low-entropy', field: 'cak', detail: `CAK sha256:${keyFingerprint(m.cak)} looks low in entropy: ${reasons.join('; ')}` });
  }
  if (typeof m.cak === 'string' && typeof m.ckn === 'string' && m.cak !== '' && m.cak.toLowerCase() === m.ckn.toLowerCase()) {
    out.push({ rule: 'ckn-reveals-cak', field: 'ckn', detail: 'the CKN equals the CAK, and MKA sends the CKN in the clear' });
  }
  return out;
}

/** One reuse of earlier material. */
export interface ReuseFinding extends MaterialFinding {
  /** Label of the material that reused. */
  readonly label: string;
  /** Label of the earlier material it repeats. */
  readonly earlier: string;
}

/**
 * Material that repeats earlier material, in order: a CAK or CKN equal (ignoring case) to any earlier CAK or
 * CKN respectively. Empty or absent values are ignored here (the format check reports them).
 */
export function reuseFindings(items: readonly LabelledMaterial[]): ReuseFinding[] {
  const out: ReuseFinding[] = [];
  const seen: Record<'cak' | 'ckn', Map<string, string>> = { cak: new Map(), ckn: new Map() };
  for (const item of items) {
    for (const field of ['cak', 'ckn'] as const) {
      const v = item[field];
      if (typeof v !== 'string' || v === '') continue;
      const key = v.toLowerCase();
      const earlier = seen[field].get(key);
      if (earlier !== undefined) {
        out.push({ rule: 'reused', field, label: item.label, earlier, detail: `${item.label} reuses the ${field.toUpperCase()} sha256:${keyFingerprint(v)} of ${earlier}` });
      } else {
        seen[field].set(key, item.label);
      }
    }
  }
  return out;
}

/** A MacSecKey as read back from a server (no key material kept). */
export interface ObservedKey {
  /** Key id (last segment of `name`). */
  readonly id: string;
  /** `active`, undefined when absent or not boolean. */
  readonly active: boolean | undefined;
  /** `startTime` as returned. */
  readonly startTime: unknown;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** One MacSecKey body as an {@link ObservedKey}; undefined when it has no name. */
export function observedKey(body: unknown): ObservedKey | undefined {
  const r = record(body);
  const name = r?.['name'];
  if (typeof name !== 'string' || name === '') return undefined;
  return { id: name.split('/').pop() ?? name, active: typeof r?.['active'] === 'boolean' ? (r['active'] as boolean) : undefined, startTime: r?.['startTime'] };
}

/** The keys of a ListMacSecKeys body; undefined when the body has no `macSecKeys` array (an absent list is empty). */
export function observedKeys(body: unknown): ObservedKey[] | undefined {
  const r = record(body);
  if (r === undefined) return undefined;
  const list = r['macSecKeys'];
  if (list === undefined) return [];
  if (!Array.isArray(list)) return undefined;
  return list.map(observedKey).filter((k): k is ObservedKey => k !== undefined);
}

/** Ids of the active keys. */
export function activeKeyIds(keys: readonly ObservedKey[]): string[] {
  return keys.filter((k) => k.active === true).map((k) => k.id);
}

/** What a rotation looked like from a series of key lists read while the new key went live. */
export interface ActivationTrace {
  /** Index of the first list with more than one active key, or -1. */
  readonly doubleActiveAt: number;
  /** The new key is active in the last list. */
  readonly newActive: boolean;
  /** Every other key is inactive in the last list. */
  readonly othersInactive: boolean;
  /** Active key ids in the last list. */
  readonly finalActive: readonly string[];
}

/** Evaluates the key lists read after CreateMacSecKey of `newKeyId` (CC-MS-011, CC-MS-012). */
export function activationTrace(snapshots: ReadonlyArray<readonly ObservedKey[]>, newKeyId: string): ActivationTrace {
  const last = snapshots.at(-1) ?? [];
  const finalActive = activeKeyIds(last);
  return {
    doubleActiveAt: snapshots.findIndex((s) => activeKeyIds(s).length > 1),
    newActive: finalActive.includes(newKeyId),
    othersInactive: last.filter((k) => k.id !== newKeyId).every((k) => k.active !== true),
    finalActive,
  };
}

/** How a manager may use a channel next, from the keys the receiver holds on it. */
export type ChannelRotationState = 'empty' | 'ready' | 'in-rotation' | 'baking';

/**
 * The rotation state of a channel from its keys: `empty` (no key: a first key may go in), `in-rotation`
 * (2 or more keys, D31), `baking` (one key, installed by a rotation less than 2 hours plus slack ago, D30)
 * or `ready`. A key for which `isFirstKey` holds was a channel's first key and starts no bake time; a key
 * whose startTime cannot be read counts as baking.
 */
export function channelRotationState(keys: readonly ObservedKey[], nowMs: number, isFirstKey: (k: ObservedKey) => boolean): ChannelRotationState {
  if (keys.length === 0) return 'empty';
  if (keys.length >= 2) return 'in-rotation';
  const only = keys[0];
  if (only === undefined || isFirstKey(only)) return 'ready';
  const start = typeof only.startTime === 'string' ? Date.parse(only.startTime) : Number.NaN;
  if (Number.isNaN(start)) return 'baking';
  return nowMs - start < BAKE_MS + CLOCK_SLACK_MS ? 'baking' : 'ready';
}

/** True when a baking channel is clearly inside its bake time (at least the slack before it ends). */
export function clearlyBaking(keys: readonly ObservedKey[], nowMs: number): boolean {
  const newest = keys.map((k) => (typeof k.startTime === 'string' ? Date.parse(k.startTime) : Number.NaN)).filter((t) => !Number.isNaN(t));
  if (newest.length === 0) return false;
  return nowMs - Math.max(...newest) < BAKE_MS - CLOCK_SLACK_MS;
}

/**
 * Problem with the startTime of a key accepted between `sentAtMs` and `answeredAtMs` (the server's clock at
 * acceptance, within the slack), or undefined when it is right. `claimed` is a startTime the request carried.
 */
export function startTimeProblem(startTime: unknown, sentAtMs: number, answeredAtMs: number, claimed?: string): string | undefined {
  if (typeof startTime !== 'string') return `startTime is ${startTime === undefined ? 'absent' : `not a string (${JSON.stringify(startTime)})`}`;
  const t = Date.parse(startTime);
  if (Number.isNaN(t)) return `startTime ${JSON.stringify(startTime)} is not a date-time`;
  if (claimed !== undefined && t === Date.parse(claimed)) return `startTime ${startTime} is the time the request claimed, not the time the server accepted the key`;
  if (t < sentAtMs - CLOCK_SLACK_MS || t > answeredAtMs + CLOCK_SLACK_MS) {
    return `startTime ${startTime} is ${Math.round(Math.abs((t < sentAtMs ? sentAtMs - t : t - answeredAtMs)) / 1000)} s away from the time of acceptance (allowed: ${CLOCK_SLACK_MS / 60000} min either way)`;
  }
  return undefined;
}

/** How a server answered a MACsec operation the rules forbid. */
export interface Decline {
  /** Answered 4xx: the operation was declined. */
  readonly declined: boolean;
  /** Answered 409 Conflict, as the spec asks. */
  readonly conflict: boolean;
  /** Answered one of the codes ERRATA D49 accepts. */
  readonly listed: boolean;
}

/** Classifies the status of an operation that should have been declined. */
export function declineOf(status: number): Decline {
  return { declined: status >= 400 && status <= 499, conflict: status === 409, listed: D49_DECLINE_CODES.includes(status) };
}

/** A key call the manager made on the receiver, as the receiver recorded it. */
export interface KeyCall {
  /** Order of arrival. */
  readonly seq: number;
  /** Channel id. */
  readonly channel: string;
  /** CreateMacSecKey or DeleteMacSecKey. */
  readonly op: 'create' | 'delete';
  /** Whether the receiver accepted it. */
  readonly accepted: boolean;
}

/** A rotation started while other channels of the interconnect were still in rotation. */
export interface OverlappingRotation {
  /** The CreateMacSecKey that started it. */
  readonly seq: number;
  /** Its channel. */
  readonly channel: string;
  /** The channels then holding two keys. */
  readonly inRotation: readonly string[];
}

/**
 * Replays the manager's calls on one interconnect from the key counts before them and returns every
 * rotation (a CreateMacSecKey on a channel that already holds a key) attempted while another channel held
 * two keys (CC-MS-027, D31). First keys are exempt: they may be installed in parallel.
 */
export function overlappingRotations(before: ReadonlyMap<string, number>, calls: readonly KeyCall[]): OverlappingRotation[] {
  const counts = new Map(before);
  const out: OverlappingRotation[] = [];
  for (const c of [...calls].sort((a, b) => a.seq - b.seq)) {
    const held = counts.get(c.channel) ?? 0;
    if (c.op === 'create') {
      const busy = [...counts].filter(([ch, n]) => ch !== c.channel && n >= 2).map(([ch]) => ch);
      if (held >= 1 && busy.length > 0) out.push({ seq: c.seq, channel: c.channel, inRotation: busy });
      if (c.accepted) counts.set(c.channel, held + 1);
    } else if (c.accepted) {
      counts.set(c.channel, Math.max(0, held - 1));
    }
  }
  return out;
}

/** How evenly MACsec management of an interconnect is split between the two providers. */
export interface ManagerSplit {
  /** Channels the kit manages. */
  readonly kit: number;
  /** Channels the candidate manages. */
  readonly candidate: number;
  /** Channels naming neither (or nothing). */
  readonly other: number;
  /** Each provider manages half the channels naming either of them, rounded either way (channels naming neither are CC-MS-021's concern). */
  readonly even: boolean;
}

/** The split of `managers` (each channel's macsecManagerProvider, `providers/{id}`) between the two providers. */
export function managerSplit(managers: readonly unknown[], kitProviderId: string, candidateProviderId: string): ManagerSplit {
  const who = (m: unknown): 'kit' | 'candidate' | 'other' => {
    const id = typeof m === 'string' && m.startsWith('providers/') ? m.slice('providers/'.length) : undefined;
    return id === kitProviderId ? 'kit' : id === candidateProviderId ? 'candidate' : 'other';
  };
  const tally = { kit: 0, candidate: 0, other: 0 };
  for (const m of managers) tally[who(m)] += 1;
  const n = tally.kit + tally.candidate;
  const half = (x: number): boolean => x === Math.floor(n / 2) || x === Math.ceil(n / 2);
  return { ...tally, even: n > 0 && half(tally.kit) && half(tally.candidate) };
}
