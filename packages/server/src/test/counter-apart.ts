/**
 * S85 for the stores that keep the failure counter apart (SQLite, PostgreSQL, Redis), run by each
 * store's test file against its real engine: a wrong code writes the counter and not the stored
 * JSON (the engine itself says so: a trigger, a key's TTL), and a record written before the split (the counter inside
 * its JSON, no counter column or key) is read with that count and locks at the next failure.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { memoryStore, type TotpStore, type UserRecord } from '../index.js';
import { codeAt, enrolled, makeHarness, STEP, wrongCode } from './harness.js';

/** What the test reads and writes underneath the store, in the engine's own terms. */
export interface RawAccess {
  /** The stored JSON of a user as text (whatever the engine gives back for it), or null. */
  data(userId: string): Promise<string | null>;
  /** The counter as its own column or key holds it: `[failures, lastFailureAt]`, or null when absent or empty. */
  counter(userId: string): Promise<[number, number | null] | null>;
  /** From now on, notes every write of this user's JSON (a trigger on the column; a TTL a write of the key removes). */
  watchData(userId: string): Promise<void>;
  /** Whether the user's JSON was written since {@link RawAccess.watchData}. */
  dataWritten(userId: string): Promise<boolean>;
  /** Writes `record` the way the store did before S85: all of it as JSON, no counter of its own. */
  writeOld(record: UserRecord): Promise<void>;
}

const encryptionKey = randomBytes(32);

/** A wrong code through the service writes the counter only: the JSON is unchanged. */
export async function assertWrongCodeWritesOnlyTheCounter(store: TotpStore, raw: RawAccess): Promise<void> {
  const h = makeHarness(store, { encryptionKey });
  const { secret } = await enrolled(h, 'mallory');
  h.clock.now += STEP;
  const json = await raw.data('mallory');
  assert.ok(json !== null && !json.includes('"failures"'), 'the JSON holds no counter');
  assert.deepEqual(await raw.counter('mallory'), [0, null]);
  await raw.watchData('mallory');
  for (let i = 1; i <= 3; i++) {
    const answer = await h.as('mallory', `s${i}`).verify(wrongCode(secret, h.clock.now));
    assert.equal(answer.body.error.code, 'invalid-code');
    assert.equal(await raw.dataWritten('mallory'), false, `the JSON was written for wrong code ${i}`);
    assert.deepEqual(await raw.counter('mallory'), [i, h.clock.now]);
  }
  assert.equal((await store.getUser('mallory'))?.failures, 3);
  // A right code writes the record (its used step) and clears the counter with it: the watch sees it.
  assert.equal((await h.as('mallory', 's4').verify(codeAt(secret, h.clock.now))).status, 200);
  assert.equal(await raw.dataWritten('mallory'), true, 'the JSON was written for the right code');
  assert.deepEqual(await raw.counter('mallory'), [0, null]);
  assert.equal((await store.getUser('mallory'))?.failures, 0);
}

/**
 * S20 across the upgrade: `open()` opens the store over the engine `raw` wrote an old record to
 * (4 wrong codes counted in its JSON); the count is read, the 5th wrong code locks, a right
 * code is then refused, and the lock is counted in the counter of its own.
 */
export async function assertOldRecordKeepsItsCount(raw: RawAccess, open: () => Promise<TotpStore>): Promise<void> {
  const old = memoryStore();
  const before = makeHarness(old, { encryptionKey });
  const { secret } = await enrolled(before, 'oscar');
  before.clock.now += STEP;
  for (let i = 0; i < 4; i++) await before.as('oscar', `old-${i}`).verify(wrongCode(secret, before.clock.now));
  const record = (await old.getUser('oscar'))!;
  assert.equal(record.failures, 4);
  await raw.writeOld(record);

  const store = await open();
  const after = makeHarness(store, { encryptionKey });
  after.clock.now = before.clock.now;
  assert.deepEqual(await store.getUser('oscar'), record, 'an old record reads as it was written');
  assert.equal(await raw.counter('oscar'), null, 'reading does not write');
  const fifth = await after.as('oscar', 'new-1').verify(wrongCode(secret, after.clock.now));
  assert.equal(fifth.status, 429, 'the fifth wrong code locks');
  assert.equal((await store.getUser('oscar'))?.failures, 5);
  assert.deepEqual(await raw.counter('oscar'), [5, after.clock.now]);
  const right = await after.as('oscar', 'new-2').verify(codeAt(secret, after.clock.now));
  assert.equal(right.status, 429, 'a right code while locked is refused');
  const locked = { ...record, failures: 5, lastFailureAt: after.clock.now };
  assert.deepEqual(await store.getUser('oscar'), locked, 'the old record with the new count');
  await store.close?.();
}
