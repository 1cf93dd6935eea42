/**
 * Requests over time in fixed slots: memory grows with the duration of the load, never with the number of
 * requests.
 */

/** One slot of the timeline. */
export interface TimelineSlot {
  /** Slot start, epoch milliseconds. */
  readonly at: number;
  /** Requests completed in the slot. */
  readonly completed: number;
  /** Of those, requests that failed (transport error or 5xx). */
  readonly failed: number;
}

/** Counts completions per slot of `slotMs` milliseconds from `startedAt`. */
export class Timeline {
  readonly #startedAt: number;
  readonly #slotMs: number;
  readonly #completed: number[] = [];
  readonly #failed: number[] = [];

  /** Starts a timeline at `startedAt` (epoch ms) with slots of `slotMs` (default 100 ms). */
  constructor(startedAt: number, slotMs = 100) {
    this.#startedAt = startedAt;
    this.#slotMs = slotMs;
  }

  /** Counts one completion at `at` (epoch ms). */
  add(at: number, failed: boolean): void {
    const i = Math.max(0, Math.floor((at - this.#startedAt) / this.#slotMs));
    while (this.#completed.length <= i) {
      this.#completed.push(0);
      this.#failed.push(0);
    }
    this.#completed[i] = (this.#completed[i] ?? 0) + 1;
    if (failed) this.#failed[i] = (this.#failed[i] ?? 0) + 1;
  }

  /** The slots, merged so that there are at most `maxSlots` of them. */
  slots(maxSlots = 120): TimelineSlot[] {
    const n = this.#completed.length;
    const per = Math.max(1, Math.ceil(n / maxSlots));
    const out: TimelineSlot[] = [];
    for (let i = 0; i < n; i += per) {
      let completed = 0;
      let failed = 0;
      for (let j = i; j < Math.min(n, i + per); j += 1) {
        completed += this.#completed[j] ?? 0;
        failed += this.#failed[j] ?? 0;
      }
      out.push({ at: this.#startedAt + i * this.#slotMs, completed, failed });
    }
    return out;
  }

  /** Width of one slot of {@link slots} with `maxSlots`, in milliseconds. */
  slotWidthMs(maxSlots = 120): number {
    return Math.max(1, Math.ceil(this.#completed.length / maxSlots)) * this.#slotMs;
  }
}
