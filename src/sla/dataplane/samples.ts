/**
 * Data-plane monitoring samples as the kit reads them from a partner's export, and the problem list the
 * parsers fill (every problem is reported at once, each naming its line or JSON path).
 */
import { CtkError } from '../../errors/index.js';

/** One monitoring sample: one sample period starting at `at`. */
export interface DataPlaneSample {
  /** Start of the period, epoch ms. */
  readonly at: number;
  /** Packet loss over the period, percent (0..100); null when not reported. */
  readonly lossPercent: number | null;
  /** Round-trip time, ms; null when not reported. */
  readonly rttMs: number | null;
  /** Bandwidth used, Mbps; null when not reported. */
  readonly bandwidthMbps: number | null;
}

/** A parsed metrics file. */
export interface MetricsFile {
  /** Which format it was. */
  readonly format: 'csv' | 'cloudwatch';
  /** Samples in time order. */
  readonly samples: readonly DataPlaneSample[];
  /** Remarks about the input (ignored series, partial data). */
  readonly notes: readonly string[];
}

/** Most problems listed before the parser gives up. */
export const MAX_PROBLEMS = 20;

/** Collects parse problems; {@link Problems.throwIfAny} raises one CTK_ERR_METRICS_INVALID with them all. */
export class Problems {
  readonly #items: string[] = [];
  readonly #source: string;

  /** Problems found in `source` (a file name). */
  constructor(source: string) { this.#source = source; }

  /** Adds a problem (`where: what`). */
  add(where: string, what: string): void {
    if (this.#items.length < MAX_PROBLEMS) this.#items.push(`${where}: ${what}`);
    else if (this.#items.length === MAX_PROBLEMS) this.#items.push('… further problems not listed');
  }

  /** True when no problem was found. */
  get empty(): boolean { return this.#items.length === 0; }

  /** Throws the collected problems as one user error. */
  throwIfAny(): void {
    if (this.#items.length === 0) return;
    const first = this.#items[0] ?? '';
    throw new CtkError('CTK_ERR_METRICS_INVALID', `${this.#source}: ${this.#items.length === 1 ? first : `${this.#items.length} problems, first: ${first}`}`, this.#items);
  }
}

/** Parses an ISO 8601 timestamp with a zone (Z or ±hh:mm) or epoch seconds/milliseconds; undefined when unreadable. */
export function parseTimestamp(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{9,10}(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (/^\d{12,13}$/.test(t)) return Number(t);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) return undefined;
  const ms = Date.parse(t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Sorts samples by time and reports repeated timestamps as problems (`where` names a sample's origin). */
export function ordered(samples: readonly DataPlaneSample[], where: (i: number) => string, problems: Problems): DataPlaneSample[] {
  const idx = samples.map((_, i) => i).sort((a, b) => (samples[a]?.at ?? 0) - (samples[b]?.at ?? 0));
  for (let k = 1; k < idx.length; k += 1) {
    const a = idx[k - 1] ?? 0;
    const b = idx[k] ?? 0;
    if (samples[a]?.at === samples[b]?.at) problems.add(where(Math.max(a, b)), `timestamp ${new Date(samples[b]?.at ?? 0).toISOString()} repeats ${where(Math.min(a, b))}`);
  }
  return idx.map((i) => samples[i]).filter((s): s is DataPlaneSample => s !== undefined);
}
