/**
 * The run's exchange log: every recorded exchange gets a sequence number and is redacted before it is kept.
 * @packageDocumentation
 */
import type { Exchange } from './exchange.js';

/** Deep-redacts secrets in a value (injected so that the client does not depend on the report folder). */
export type Redactor = (value: unknown) => unknown;

/** Collects exchanges in order, redacted, with a cap to keep memory bounded. */
export class ExchangeLog {
  readonly #items: Exchange[] = [];
  readonly #redact: Redactor;
  readonly #cap: number;
  readonly #listeners: Array<(e: Exchange) => void> = [];
  #seq = 0;
  #dropped = 0;

  /** Creates a log; `cap` bounds how many exchanges are kept (default 20000). */
  constructor(redact: Redactor, cap = 20000) {
    this.#redact = redact;
    this.#cap = cap;
  }

  /** Stores a redacted copy of the exchange with the next sequence number and returns it. */
  record(e: Exchange): Exchange {
    this.#seq += 1;
    const kept: Exchange = {
      ...e,
      seq: this.#seq,
      ...(e.requestBody !== undefined ? { requestBody: this.#redact(e.requestBody) } : {}),
      ...(e.responseBody !== undefined ? { responseBody: this.#redact(e.responseBody) } : {}),
    };
    if (this.#items.length < this.#cap) this.#items.push(kept); else this.#dropped += 1;
    for (const l of this.#listeners) l(kept);
    return kept;
  }

  /** Calls `fn` for every exchange recorded from now on. */
  onRecord(fn: (e: Exchange) => void): void { this.#listeners.push(fn); }

  /** Exchanges with sequence numbers in [from, to]. */
  between(from: number, to = Infinity): Exchange[] {
    return this.#items.filter((e) => e.seq >= from && e.seq <= to);
  }

  /** The last sequence number handed out. */
  get lastSeq(): number { return this.#seq; }

  /** How many exchanges were not kept because of the cap. */
  get dropped(): number { return this.#dropped; }
}
