/**
 * Decoded user records, kept by a store that reads them as JSON text (S86). A wrong code reads the
 * user's row, about 1.5 kB of JSON, and writes only the failure counter (S85): the JSON is the
 * same text the next time, so decoding it again is wasted work on the hot path.
 *
 * An entry is used only while the stored text is exactly the text it was decoded from (compared
 * in full): a change written by any other connection or process is seen by the very next read,
 * since its text differs. What it hands out is deep frozen, like the memory store's records, so
 * no caller can change what the next request reads; the store joins the counter onto a shallow
 * copy. Bounded like the key cache: past `limit` users the oldest entry goes first.
 */
import type { RecordWithoutCounter } from './counter.js';
import type { UserRecord } from './types.js';

/** Freezes a freshly decoded JSON value and everything in it, in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

export class DecodedRecords {
  readonly #entries = new Map<string, { text: string; record: RecordWithoutCounter }>();
  readonly #limit: number;

  constructor(limit = 10_000) {
    if (!Number.isInteger(limit) || limit < 0) throw new TypeError('decodedRecords must be a whole number ≥ 0');
    this.#limit = limit;
  }

  /**
   * The user record stored as `text`, with the counter from its own column or key (S85): the kept
   * frozen record under a shallow copy that carries the counter. `failures` null (a record from
   * before the counter had a column or key of its own): the frozen record itself, counter and all.
   */
  user(userId: string, text: string, failures: number | null, lastFailureAt: number | null): UserRecord {
    const record = this.#decode(userId, text) as UserRecord;
    return failures === null ? record : { ...record, failures, lastFailureAt };
  }

  /** The frozen record `text` decodes to, from the cache when `userId`'s entry has that very text. */
  #decode(userId: string, text: string): RecordWithoutCounter {
    const entry = this.#entries.get(userId);
    if (entry !== undefined && entry.text === text) return entry.record;
    const record = deepFreeze(JSON.parse(text) as RecordWithoutCounter);
    if (this.#limit === 0) return record;
    if (entry === undefined && this.#entries.size >= this.#limit) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(userId, { text, record });
    return record;
  }

  /** Forgets `userId` (its row was deleted). */
  forget(userId: string): void {
    this.#entries.delete(userId);
  }
}
