/**
 * S86 for any store that keeps decoded records: two stores on one database stand for two app
 * processes. Whatever one writes, the other reads at once, inside a check-and-set too, and a
 * record handed out cannot change what the next read gets. Used by the SQLite and Redis tests.
 */
import assert from 'node:assert/strict';
import type { TotpStore } from '../stores/types.js';
import { emptyUser, type UserRecord } from '../stores/types.js';

/** Two stores on the same database, each with its own decoded records. */
export type TwoStores = { a: TotpStore; b: TotpStore };

const enrolled = (userId: string, lastStep: number | null): UserRecord => ({
  ...emptyUser(userId),
  recoveryHashes: ['hmac-sha256:v1:a:b'],
  generation: 1,
  factors: [
    {
      id: 'f1',
      name: 'Phone',
      secret: 'plain:JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      createdAt: 1,
      lastUsedAt: null,
      lastStep,
    },
  ],
});

/** A record is reused while unchanged, and another store's write is read at once. */
export async function assertReadsOtherWrites({ a, b }: TwoStores): Promise<void> {
  await a.updateUser('u1', () => ({ next: enrolled('u1', 100), result: null }));
  const first = (await a.getUser('u1'))!;
  const again = (await a.getUser('u1'))!;
  // The same decoded parts: the record was not parsed again.
  assert.equal(again.factors, first.factors);
  // The other store accepts the code of step 101 (as a right code does).
  await b.updateUser('u1', (user) => ({
    next: { ...user!, factors: [{ ...user!.factors![0]!, lastStep: 101 }] },
    result: null,
  }));
  assert.equal((await a.getUser('u1'))!.factors![0]!.lastStep, 101);
  // Inside a check-and-set too: a replay of step 101 through `a` would see it.
  const seen = await a.updateUser('u1', (user) => ({ result: user!.factors![0]!.lastStep }));
  assert.equal(seen, 101);
}

/** A count, a deletion and a new record under the same id through the other store are read at once. */
export async function assertReadsOtherCountsAndDeletes({ a, b }: TwoStores): Promise<void> {
  await a.updateUser('u2', () => ({ next: enrolled('u2', null), result: null }));
  assert.equal((await a.getUser('u2'))!.failures, 0);
  await b.updateUser('u2', (user) => ({ next: { ...user!, failures: 3, lastFailureAt: 7 }, result: null }));
  const counted = (await a.getUser('u2'))!;
  assert.deepEqual([counted.failures, counted.lastFailureAt], [3, 7]);
  await b.updateUser('u2', () => ({ next: null, result: null }));
  assert.equal(await a.getUser('u2'), null);
  await b.updateUser('u2', () => ({ next: { ...emptyUser('u2'), generation: 2 }, result: null }));
  const fresh = (await a.getUser('u2'))!;
  assert.deepEqual([fresh.generation, fresh.factors, fresh.failures], [2, undefined, 0]);
}

/** What a read hands out is frozen below its top level, and the top level is the caller's own. */
export async function assertRecordsAreFrozen({ a }: TwoStores): Promise<void> {
  await a.updateUser('u3', () => ({ next: enrolled('u3', 5), result: null }));
  const user = (await a.getUser('u3'))!;
  assert.throws(() => {
    (user.factors![0] as { lastStep: number | null }).lastStep = null;
  }, TypeError);
  assert.throws(() => (user.recoveryHashes as string[]).push('x'), TypeError);
  user.failures = 99;
  const next = (await a.getUser('u3'))!;
  assert.deepEqual([next.failures, next.factors![0]!.lastStep, next.recoveryHashes.length], [0, 5, 1]);
}

/** With `decodedRecords: 0` nothing is kept: each read decodes its own record. */
export async function assertKeepsNoneWhenZero({ a }: TwoStores): Promise<void> {
  await a.updateUser('u4', () => ({ next: enrolled('u4', 1), result: null }));
  const first = (await a.getUser('u4'))!;
  const again = (await a.getUser('u4'))!;
  assert.notEqual(again.factors, first.factors);
  assert.deepEqual(again, first);
}
