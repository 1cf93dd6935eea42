/**
 * A latency histogram with fixed log-spaced buckets: bounded memory whatever the number of samples, and
 * percentiles within 0.5% of the exact value (each bucket spans a factor of 1.01; the reported value is the
 * bucket's centre in relative terms, clamped to the exact minimum and maximum seen).
 */

/** Growth factor between bucket bounds: relative error of a percentile is at most (γ−1)/(γ+1) ≈ 0.5%. */
const GAMMA = 1.01;
const LOG_GAMMA = Math.log(GAMMA);
/** Smallest value told apart from zero, in the recorded unit (1 µs when recording milliseconds). */
const MIN_VALUE = 0.001;
/** Largest value kept exactly in a bucket (about 2.8 hours in milliseconds); larger ones share the top bucket. */
const MAX_VALUE = 1e7;
const OFFSET = Math.floor(Math.log(MIN_VALUE) / LOG_GAMMA);
const BUCKETS = Math.ceil(Math.log(MAX_VALUE) / LOG_GAMMA) - OFFSET + 1;

/** One bar of a display histogram: samples up to `upTo` (and above the previous bar's bound). */
export interface HistogramBar {
  /** Upper bound of the bar, in the recorded unit. */
  readonly upTo: number;
  /** Samples in the bar. */
  readonly count: number;
}

/** Display bounds: 1, 1.5, 2, 3, 5 and 7 times each power of ten. */
const STEPS = [1, 1.5, 2, 3, 5, 7];

/** Records non-negative values (milliseconds, typically) into fixed buckets and answers percentiles. */
export class LatencyHistogram {
  readonly #counts = new Float64Array(BUCKETS);
  #zeros = 0;
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Records one value; negative and non-finite values are ignored. */
  record(value: number): void {
    if (!Number.isFinite(value) || value < 0) return;
    this.#count += 1;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    if (value < MIN_VALUE) {
      this.#zeros += 1;
      return;
    }
    const i = Math.min(BUCKETS - 1, Math.ceil(Math.log(value) / LOG_GAMMA) - OFFSET);
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
  }

  /** Adds every sample of `other` into this histogram. */
  merge(other: LatencyHistogram): void {
    const o = other.#counts;
    for (let i = 0; i < BUCKETS; i += 1) this.#counts[i] = (this.#counts[i] ?? 0) + (o[i] ?? 0);
    this.#zeros += other.#zeros;
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** Number of values recorded. */
  get count(): number { return this.#count; }
  /** Smallest value recorded (exact), or NaN when empty. */
  get min(): number { return this.#count === 0 ? NaN : this.#min; }
  /** Largest value recorded (exact), or NaN when empty. */
  get max(): number { return this.#count === 0 ? NaN : this.#max; }
  /** Arithmetic mean (exact), or NaN when empty. */
  get mean(): number { return this.#count === 0 ? NaN : this.#sum / this.#count; }

  /**
   * The value at quantile `q` (0..1) by nearest rank: the smallest recorded value with at least
   * `ceil(q × count)` values at or below it, within 0.5%; NaN when empty.
   */
  quantile(q: number): number {
    if (this.#count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.#count));
    if (rank >= this.#count) return this.#max;
    let seen = this.#zeros;
    if (seen >= rank) return this.#min;
    for (let i = 0; i < BUCKETS; i += 1) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) return clamp((2 * GAMMA ** (i + OFFSET)) / (GAMMA + 1), this.#min, this.#max);
    }
    return this.#max;
  }

  /**
   * Bars for a chart: bounds at 1, 1.5, 2, 3, 5 and 7 times each power of ten, from the bar holding the
   * smallest value to the one holding the largest, so that the tail stays visible on one chart.
   */
  bars(): HistogramBar[] {
    if (this.#count === 0) return [];
    const bounds = displayBounds(this.#min, this.#max);
    const counts = new Array<number>(bounds.length).fill(0);
    counts[0] = this.#zeros;
    let b = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      const c = this.#counts[i] ?? 0;
      if (c === 0) continue;
      const value = clamp((2 * GAMMA ** (i + OFFSET)) / (GAMMA + 1), this.#min, this.#max);
      while (b < bounds.length - 1 && value > (bounds[b] ?? Infinity)) b += 1;
      counts[b] = (counts[b] ?? 0) + c;
    }
    return bounds.map((upTo, i) => ({ upTo, count: counts[i] ?? 0 }));
  }
}

/** Display bounds from the one at or above `min` to the one at or above `max`. */
export function displayBounds(min: number, max: number): number[] {
  const lo = Math.max(min, MIN_VALUE);
  const out: number[] = [];
  for (let exp = Math.floor(Math.log10(lo)); out.length < 200; exp += 1) {
    for (const s of STEPS) {
      const bound = Number((s * 10 ** exp).toPrecision(6));
      if (bound < lo && out.length === 0) continue;
      out.push(bound);
      if (bound >= max) return out;
    }
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
