/**
 * The part of the store contract about the failure counter (S85). A store may keep `failures` and
 * `lastFailureAt` apart from the rest of the record and write only them when nothing else
 * changed; these tests hold every store to reading back exactly what was written either way, and
 * to losing neither of two concurrent updates when one moves only the counter and the other
 * changes the rest.
 */
import type { TotpStore, UserRecord } from '../stores/types.js';
import { checkEqual, enrolledService, userRecord, wrongCodeFor } from './fixtures.js';

type Register = (title: string, body: (store: TotpStore) => Promise<void>) => void;

/** Runs `change` on the stored record of `userId`, which must exist, and stores what it returns. */
function rewrite(store: TotpStore, userId: string, change: (current: UserRecord) => UserRecord): Promise<void> {
  return store.updateUser(userId, (current) => {
    if (current === null) throw new Error(`Contract: ${userId} has no record`);
    return { next: change(current), result: undefined };
  });
}

export function counterContractTests(test: Register): void {
  test('S85 a change of the failure counter alone keeps every other field, and a change next to it is kept too', async (store) => {
    const stored = userRecord('ivan');
    await store.updateUser('ivan', () => ({ next: stored, result: null }));
    await rewrite(store, 'ivan', (current) => ({ ...current, failures: current.failures + 1, lastFailureAt: 7 }));
    const counted = { ...stored, failures: 3, lastFailureAt: 7 };
    checkEqual(await store.getUser('ivan'), counted, 'the record after a change of the counter alone');
    if (store.getUsers) checkEqual(await store.getUsers(['ivan']), [counted], 'getUsers after a change of the counter');

    // The counter and another field in one change (a recovery-code hash upgraded with a failure).
    await rewrite(store, 'ivan', (current) => ({ ...current, failures: 4, recoveryHashes: ['upgraded'] }));
    const both = { ...counted, failures: 4, recoveryHashes: ['upgraded'] };
    checkEqual(await store.getUser('ivan'), both, 'the record after a change of the counter and the hashes');

    // A field removed or added next to the counter.
    const without = (record: UserRecord, key: string) =>
      Object.fromEntries(Object.entries(record).filter(([name]) => name !== key)) as unknown as UserRecord;
    await rewrite(store, 'ivan', (current) => ({ ...without(current, 'extra'), failures: 5 }));
    const removed = { ...without(both, 'extra'), failures: 5 };
    checkEqual(await store.getUser('ivan'), removed, 'the record after a field was removed with the counter');
    await rewrite(store, 'ivan', (current) => ({ ...current, failures: 0, lastFailureAt: null, deferredAt: 9 }));
    const added = { ...removed, failures: 0, lastFailureAt: null, deferredAt: 9 };
    checkEqual(await store.getUser('ivan'), added, 'the record after a field was added with the counter');

    // The counter cleared alone, then a whole new record, then the counter again.
    await rewrite(store, 'ivan', (current) => ({ ...current, failures: 6, lastFailureAt: 8 }));
    await rewrite(store, 'ivan', (current) => ({ ...current, failures: 0, lastFailureAt: null }));
    checkEqual(await store.getUser('ivan'), added, 'the record after the counter was cleared alone');
    const replaced = userRecord('ivan', { failures: 1, lastFailureAt: 2, generation: 9 });
    await store.updateUser('ivan', () => ({ next: replaced, result: null }));
    await rewrite(store, 'ivan', (current) => ({ ...current, failures: 2 }));
    checkEqual(await store.getUser('ivan'), { ...replaced, failures: 2 }, 'a new record, then its counter');
    let seen: UserRecord | null = null;
    await store.updateUser('ivan', (current) => ({ result: void (seen = current) }));
    checkEqual(seen, { ...replaced, failures: 2 }, 'the record handed to change');
  });

  test('S85 concurrent changes of the counter alone and of the rest of the record all survive', async (store) => {
    await store.updateUser('judy', () => ({ next: userRecord('judy', { failures: 0, generation: 0 }), result: null }));
    const counter = () =>
      rewrite(store, 'judy', (current) => ({ ...current, failures: current.failures + 1, lastFailureAt: 1 }));
    const other = () =>
      rewrite(store, 'judy', (current) => ({
        ...current,
        generation: current.generation + 1,
        recoveryHashes: [...current.recoveryHashes, `h${current.generation}`],
      }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? counter() : other())));
    const found = await store.getUser('judy');
    checkEqual(found?.failures, 20, 'failures after 20 counter changes among 20 other changes');
    checkEqual(found?.generation, 20, 'generation after 20 other changes among 20 counter changes');
    checkEqual(found?.recoveryHashes.length, 22, 'recovery hashes after 20 appends');
  });

  test('S85 S21 wrong codes through a service count exactly, and after a rewrite of the record they count again from its value', async (store) => {
    const { service, identity, secret, clock } = await enrolledService(store, 'kim', { threshold: 100 });
    const wrong = wrongCodeFor(secret, clock.now);
    const burst = () =>
      Promise.all(Array.from({ length: 10 }, (_, i) => service.actions.verify(identity(`w-${i}`), { code: wrong })));
    await burst();
    checkEqual((await store.getUser('kim'))?.failures, 10, 'failures after 10 parallel wrong codes');
    // A change of the rest of the record with the counter (what a right code or an unlock writes).
    await rewrite(store, 'kim', (current) => ({ ...current, failures: 0, lastFailureAt: null, generation: 42 }));
    await burst();
    const found = await store.getUser('kim');
    checkEqual(found?.failures, 10, 'failures counted again after the reset');
    checkEqual(found?.generation, 42, 'the reset record is kept under the new count');
  });
}
