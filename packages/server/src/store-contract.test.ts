/**
 * The store contract suite against the memory and SQLite stores, and proof that it cannot pass
 * vacuously: deliberately broken stores (read, yield, write; a sweep that keeps everything; …)
 * fail exactly the tests that should catch them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryStore, type TotpStore, type UserRecord } from './index.js';
import { runStoreContractTests, type StoreContractHarness, type StoreFixture } from './testing/index.js';
import { STORE_KINDS } from './test/harness.js';

for (const kind of STORE_KINDS) {
  runStoreContractTests(
    kind.name,
    () => {
      const { store, cleanup } = kind.make();
      return { store, cleanup };
    },
    { describe, it },
  );
}

/** Runs the suite against `makeStore` outside node:test and reports each test's outcome. */
async function outcomes(makeStore: () => StoreFixture | TotpStore): Promise<Map<string, Error | null>> {
  const tests: Array<[string, () => Promise<void>]> = [];
  const harness: StoreContractHarness = {
    describe: (_name, body) => body(),
    it: (name, body) => tests.push([name, body]),
  };
  runStoreContractTests('under test', makeStore, harness);
  const results = new Map<string, Error | null>();
  for (const [name, body] of tests) {
    try {
      await body();
      results.set(name, null);
    } catch (error) {
      results.set(name, error as Error);
    }
  }
  return results;
}

function titlesFailing(results: Map<string, Error | null>): string[] {
  return [...results].filter(([, error]) => error !== null).map(([name]) => name);
}

/** A memory store with some methods replaced. */
function broken(change: (inner: TotpStore) => Partial<TotpStore>): () => TotpStore {
  return () => {
    const inner = memoryStore();
    return { ...inner, ...change(inner) };
  };
}

const yieldOnce = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runStoreContractTests cannot pass vacuously', () => {
  it('registers a meaningful number of tests, all passing for the memory store', async () => {
    const results = await outcomes(() => memoryStore());
    assert.ok(results.size >= 12, `only ${results.size} tests`);
    assert.deepEqual(titlesFailing(results), []);
  });

  it('S21 S14 fails a store whose updateUser reads, yields, then writes', async () => {
    const results = await outcomes(
      broken((inner) => ({
        async updateUser(userId, change) {
          const current = await inner.getUser(userId);
          await yieldOnce();
          const { next, result } = change(current);
          await inner.updateUser(userId, () => ({ next, result: null }));
          return result;
        },
      })),
    );
    const names = titlesFailing(results);
    assert.ok(
      names.some((name) => name.startsWith('S21 updateUser is atomic')),
      names.join('\n'),
    );
    assert.ok(
      names.some((name) => name.startsWith('S14 replay')),
      names.join('\n'),
    );
    assert.ok(
      names.some((name) => name.startsWith('S21 exact failure counting')),
      names.join('\n'),
    );
    assert.deepEqual(
      names.filter((name) => !/^S(14|21|85) /.test(name)),
      [],
      'only the concurrency tests fail',
    );
  });

  it('S85 fails a store that writes only the counter whenever the counter changed, dropping the rest of the change', async () => {
    const results = await outcomes(
      broken((inner) => ({
        updateUser: (userId, change) =>
          inner.updateUser(userId, (current) => {
            const { next, result } = change(current);
            if (!current || !next || next.failures === current.failures) return { next, result };
            return { next: { ...current, failures: next.failures, lastFailureAt: next.lastFailureAt }, result };
          }),
      })),
    );
    assert.ok(
      titlesFailing(results).some((name) => name.startsWith('S85 a change of the failure counter alone')),
      titlesFailing(results).join('\n'),
    );
  });

  it('S45 fails a store whose sweep keeps expired sessions', async () => {
    const results = await outcomes(broken(() => ({ sweep: async () => 0 })));
    assert.deepEqual(
      titlesFailing(results).map((name) => name.slice(0, 3)),
      ['S45'],
    );
  });

  it('fails a store that keeps only the fields it knows of a user record', async () => {
    const results = await outcomes(
      broken((inner) => ({
        updateUser: (userId, change) =>
          inner.updateUser(userId, (current) => {
            const { next, result } = change(current);
            if (!next) return { next, result };
            const { factor, pending, lastStep, failures, lastFailureAt, recoveryHashes, generation } = next;
            const known: UserRecord = {
              userId,
              factor,
              pending,
              lastStep,
              failures,
              lastFailureAt,
              recoveryHashes,
              generation,
            };
            return { next: known, result };
          }),
      })),
    );
    assert.ok(titlesFailing(results).some((name) => name.startsWith('updateUser stores every field')));
  });

  it('S60 fails a store whose getUsers leaves out missing users or answers in its own order', async () => {
    for (const getUsers of [
      (inner: TotpStore) => async (ids: readonly string[]) =>
        (await inner.getUsers!(ids)).filter((record) => record !== null),
      (inner: TotpStore) => async (ids: readonly string[]) => await inner.getUsers!([...ids].sort()),
    ]) {
      const results = await outcomes(broken((inner) => ({ getUsers: getUsers(inner) })));
      assert.deepEqual(
        titlesFailing(results).map((name) => name.slice(0, 12)),
        ['S60 getUsers'],
      );
    }
  });

  it('fails a store that lists user ids unsorted, or leaves sessions behind in deleteSessionsOf', async () => {
    const unsorted = await outcomes(
      broken((inner) => ({ listUserIds: async () => (await inner.listUserIds()).reverse() })),
    );
    assert.ok(titlesFailing(unsorted).some((name) => name.startsWith('listUserIds lists every user')));
    const leaky = await outcomes(broken(() => ({ deleteSessionsOf: async () => undefined })));
    assert.deepEqual(
      titlesFailing(leaky).map((name) => name.slice(0, 17)),
      ['deleteSessionsOf '],
    );
  });
});
