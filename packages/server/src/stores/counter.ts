/**
 * The failure counter apart from the rest of a user record (S85). A wrong code changes nothing but
 * `failures` and `lastFailureAt`, yet the record around them is about 1.5 kB of JSON for an
 * enrolled user. The SQLite, PostgreSQL and Redis stores keep the two in columns (a key) of their
 * own, and when an update changes nothing else they write only those, instead of encoding and
 * writing the whole record for every wrong code.
 *
 * Whether an update changes only the counter is decided here, by comparing, not by a hint from the
 * caller: a caller that changes another field after counting a failure (a recovery-code hash
 * upgraded in the same update) can never have that change dropped.
 */
import type { UserRecord } from './types.js';

/** The two fields a wrong code changes. */
export interface FailureCounter {
  failures: number;
  lastFailureAt: number | null;
}

/** A user record without its counter: what a store keeps in its JSON column or key. */
export type RecordWithoutCounter = Omit<UserRecord, 'failures' | 'lastFailureAt'>;

const isCounterKey = (key: string): boolean => key === 'failures' || key === 'lastFailureAt';

/**
 * Whether `next` is `current` with at most `failures` and `lastFailureAt` changed: every other
 * field holds the very same value (`===`, so a nested object must be the same object, as it is
 * when `next` was spread from `current`), and neither has a field the other lacks. Cheap: one pass
 * over the top-level fields, no encoding. A `false` only costs a full write.
 */
export function changesOnlyCounter(
  current: UserRecord | null,
  next: UserRecord | null | undefined,
): next is UserRecord {
  if (current === null || next === null || next === undefined) return false;
  if (typeof next.failures !== 'number' || (next.lastFailureAt !== null && typeof next.lastFailureAt !== 'number'))
    return false;
  const before = current as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  let fields = 0;
  for (const key in after) {
    const value = after[key];
    if (isCounterKey(key) || value === undefined) continue;
    if (before[key] !== value) return false;
    fields++;
  }
  for (const key in before) if (!isCounterKey(key) && before[key] !== undefined) fields--;
  return fields === 0;
}

/** The record's counter, and the rest of it (a shallow copy without the two fields). */
export function splitCounter(record: UserRecord): { rest: RecordWithoutCounter; counter: FailureCounter } {
  const { failures, lastFailureAt, ...rest } = record;
  return { rest, counter: { failures, lastFailureAt: lastFailureAt ?? null } };
}

/**
 * The record a store reads back from its JSON (`data`, freshly decoded: it is completed in place)
 * and its counter columns. `failures` is null in a row written before the counter had columns of
 * its own: then the JSON still holds the counter and it counts, until the next write of that row.
 */
export function joinCounter(data: UserRecord, failures: number | null, lastFailureAt: number | null): UserRecord {
  if (failures === null) return data;
  data.failures = failures;
  data.lastFailureAt = lastFailureAt;
  return data;
}
