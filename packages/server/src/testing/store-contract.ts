/**
 * `runStoreContractTests`: what every `TotpStore` must do for replay protection (S13, S14), exact
 * failure counting (S21) and session expiry (S45) to hold, as a reusable suite. The store
 * counterpart of core's `runBackendContractTests`; run it with node:test, mocha, vitest or jest.
 *
 * @example
 * import { describe, it } from 'node:test'
 * import { runStoreContractTests } from '@totp-gate/server/testing'
 * runStoreContractTests('my store', async () => {
 *   const store = await myStore({ database: await freshDatabase() }) // empty every time
 *   return { store, cleanup: () => store.close?.() }
 * }, { describe, it })
 */
import type { TotpStore, UserRecord } from '../stores/types.js';
import { counterContractTests } from './counter-contract.js';
import {
  check,
  checkEqual,
  enrolledService,
  sessionRecord,
  sortedIds,
  STEP,
  userRecord,
  wrongCodeFor,
} from './fixtures.js';

/** A store for one test, and what to do after it. */
export interface StoreFixture {
  /** An empty store: no users and no sessions. */
  store: TotpStore;
  /** Runs after the test, pass or fail (default: `store.close()`). */
  cleanup?: () => void | Promise<void>;
}

/** The test functions of your runner. Defaults to the global `describe` and `it`. */
export interface StoreContractHarness {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

/**
 * Registers the suite under `name`. `makeStore` runs before each test and must give an empty
 * store (a fresh database, schema, key prefix, or truncated tables) each time.
 */
export function runStoreContractTests(
  name: string,
  makeStore: () => StoreFixture | TotpStore | Promise<StoreFixture | TotpStore>,
  harness: StoreContractHarness = globalThis as unknown as StoreContractHarness,
): void {
  const test = (title: string, body: (store: TotpStore) => Promise<void>) =>
    harness.it(title, async () => {
      const made = await makeStore();
      const fixture: StoreFixture = 'store' in made ? made : { store: made };
      try {
        await body(fixture.store);
      } finally {
        await (fixture.cleanup ? fixture.cleanup() : fixture.store.close?.());
      }
    });

  harness.describe(`TotpStore contract: ${name}`, () => {
    test('an empty store has no user, no session and lists no user id', async (store) => {
      checkEqual(await store.getUser('nobody'), null, 'getUser of an unknown user');
      checkEqual(await store.getSession('none'), null, 'getSession of an unknown session');
      checkEqual(await store.listUserIds(), [], 'listUserIds of an empty store');
    });

    test('updateUser stores every field of a record, unknown ones included, and reads give it back', async (store) => {
      for (const userId of ['alice', 'user:{42}*?[x]', 'élodie ☃', ' spaced id ']) {
        const record = userRecord(userId);
        checkEqual(await store.updateUser(userId, () => ({ next: record, result: 'stored' })), 'stored', 'result');
        checkEqual(await store.getUser(userId), record, `getUser(${JSON.stringify(userId)}) after updateUser`);
        let seen: UserRecord | null = null;
        await store.updateUser(userId, (current) => ({ result: void (seen = current) }));
        checkEqual(seen, record, 'the record handed to change');
      }
    });

    test('updateUser hands change null for a new user and leaves the record as it was when next is undefined', async (store) => {
      let seen: UserRecord | null | undefined;
      checkEqual(await store.updateUser('bob', (current) => ({ result: ((seen = current), 7) })), 7, 'result');
      checkEqual(seen, null, 'change of a user without a record gets null');
      checkEqual(await store.getUser('bob'), null, 'next undefined must not create a record');
      checkEqual(await store.listUserIds(), [], 'next undefined must not list the user');
      const record = userRecord('bob');
      await store.updateUser('bob', () => ({ next: record, result: null }));
      await store.updateUser('bob', () => ({ result: null }));
      checkEqual(await store.getUser('bob'), record, 'next undefined must leave the record');
    });

    test('updateUser with next null deletes the record, and listUserIds stops listing it', async (store) => {
      await store.updateUser('carol', () => ({ next: userRecord('carol'), result: null }));
      await store.updateUser('dave', () => ({ next: userRecord('dave'), result: null }));
      await store.updateUser('carol', () => ({ next: null, result: null }));
      checkEqual(await store.getUser('carol'), null, 'getUser after deletion');
      checkEqual(await store.listUserIds(), ['dave'], 'listUserIds after deletion');
      await store.updateUser('carol', () => ({ next: null, result: null }));
      checkEqual(await store.getUser('dave'), userRecord('dave'), 'deleting one user leaves the others');
    });

    test('updateUser whose change throws rejects with that error and stores nothing', async (store) => {
      const record = userRecord('erin');
      await store.updateUser('erin', () => ({ next: record, result: null }));
      const thrown = new Error('change failed');
      let caught: unknown = null;
      try {
        await store.updateUser('erin', () => {
          throw thrown;
        });
      } catch (error) {
        caught = error;
      }
      check(caught === thrown, `updateUser must reject with the error change threw, got ${String(caught)}`);
      checkEqual(await store.getUser('erin'), record, 'the record after a throwing change');
    });

    test('S21 updateUser is atomic: 50 parallel changes that each add one give exactly 50', async (store) => {
      const add = () =>
        store.updateUser('frank', (current) => {
          const base = current ?? userRecord('frank', { failures: 0 });
          return { next: { ...base, failures: base.failures + 1 }, result: base.failures + 1 };
        });
      const results = await Promise.all(Array.from({ length: 50 }, add));
      checkEqual((await store.getUser('frank'))?.failures, 50, 'failures after 50 parallel increments');
      checkEqual(
        [...results].sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
        'each change must see the previous one',
      );
    });

    test('sessions: every field round-trips, putSession replaces, deleteSession deletes and ignores a missing id', async (store) => {
      const future = Date.now() + 3_600_000;
      const full = sessionRecord('s-1', 'alice', { expiresAt: future });
      const legacy = sessionRecord('s-2', 'alice', {});
      await store.putSession(full);
      await store.putSession(legacy);
      checkEqual(await store.getSession('s-1'), full, 'getSession of a full record');
      checkEqual(await store.getSession('s-2'), legacy, 'getSession of a record without expiresAt');
      const replaced = sessionRecord('s-1', 'bob', { verifiedAt: null, deferred: true, expiresAt: future + 1 });
      await store.putSession(replaced);
      checkEqual(await store.getSession('s-1'), replaced, 'getSession after putSession replaced it');
      await store.deleteSession('s-1');
      checkEqual(await store.getSession('s-1'), null, 'getSession after deleteSession');
      await store.deleteSession('s-1');
      await store.deleteSession('never-existed');
      checkEqual(await store.getSession('s-2'), legacy, 'deleting one session leaves the others');
    });

    test('deleteSessionsOf deletes every session of that user and no other', async (store) => {
      const future = Date.now() + 3_600_000;
      for (const [id, user] of [
        ['a1', 'alice'],
        ['a2', 'alice'],
        ['b1', 'bob'],
        ['moved', 'alice'],
      ] as const) {
        await store.putSession(sessionRecord(id, user, { expiresAt: future }));
      }
      await store.putSession(sessionRecord('a3', 'alice', {}));
      await store.putSession(sessionRecord('moved', 'bob', { expiresAt: future }));
      await store.deleteSessionsOf('alice');
      for (const id of ['a1', 'a2', 'a3']) checkEqual(await store.getSession(id), null, `alice's session ${id}`);
      checkEqual((await store.getSession('b1'))?.userId, 'bob', "bob's session survives");
      checkEqual((await store.getSession('moved'))?.userId, 'bob', 'a session that moved to bob survives');
      await store.deleteSessionsOf('nobody');
    });

    test('S45 session expiry: sweep(now) deletes every record expired at or before now, and only those', async (store) => {
      const now = Date.now() + 60_000;
      await store.putSession(sessionRecord('expired', 'alice', { expiresAt: now - 1 }));
      await store.putSession(sessionRecord('expires-now', 'alice', { expiresAt: now }));
      await store.putSession(sessionRecord('live', 'alice', { expiresAt: now + 3_600_000 }));
      await store.putSession(sessionRecord('no-expiry', 'alice', {}));
      const deleted = await store.sweep(now);
      // A store whose engine expires records itself (a Redis TTL) may have deleted some already.
      check(
        Number.isInteger(deleted) && deleted >= 0 && deleted <= 2,
        `sweep must count what it deleted, got ${deleted}`,
      );
      checkEqual(await store.getSession('expired'), null, 'a record expired before now');
      checkEqual(await store.getSession('expires-now'), null, 'a record expiring at now');
      checkEqual((await store.getSession('live'))?.expiresAt, now + 3_600_000, 'a live record');
      check((await store.getSession('no-expiry')) !== null, 'a record without expiresAt is not swept');
      checkEqual(await store.sweep(now), 0, 'a second sweep');
    });

    test('listUserIds lists every user with a record once, in ascending code-point order', async (store) => {
      const ids = ['b', 'B', 'a', 'a-b', 'a_b', '10', '9', 'Zoë', 'zoe', 'é', 'a b'];
      await Promise.all(ids.map((id) => store.updateUser(id, () => ({ next: userRecord(id), result: null }))));
      await store.updateUser('a', () => ({ next: userRecord('a', { failures: 3 }), result: null }));
      await store.updateUser('ghost', () => ({ result: null }));
      checkEqual(await store.listUserIds(), sortedIds(ids), 'listUserIds');
    });

    test('S60 listUserIdsAfter, when the store has it, pages through listUserIds in its order without gaps or repeats', async (store) => {
      if (store.listUserIdsAfter === undefined) return;
      const ids = ['b', 'B', 'a', 'a-b', 'a_b', '10', '9', 'Zoë', 'zoe', 'é', 'a b', 'c'];
      await Promise.all(ids.map((id) => store.updateUser(id, () => ({ next: userRecord(id), result: null }))));
      await store.updateUser('c', () => ({ next: null, result: null }));
      const all = await store.listUserIds();
      const paged: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: string[] = await store.listUserIdsAfter(after, 3);
        check(page.length <= 3, 'a page holds at most limit ids');
        paged.push(...page);
        if (page.length < 3) break;
        after = page[page.length - 1]!;
      }
      checkEqual(paged, all, 'the pages put together');
      checkEqual(await store.listUserIdsAfter(all[all.length - 1]!, 3), [], 'after the last id');
      checkEqual(
        await store.listUserIdsAfter('a ', 2),
        all.slice(all.indexOf('a b'), all.indexOf('a b') + 2),
        'after an id that is not there',
      );
    });

    test("S60 getUsers, when the store has it, reads each id's record as getUser does, null where there is none, in the order asked", async (store) => {
      if (store.getUsers === undefined) return;
      const ids = [
        'alice',
        'bob',
        'user:{42}*?[x]',
        'quote " comma , brace } back \\',
        'élodie ☃',
        ' spaced id ',
        'gone',
      ];
      await Promise.all(
        ids.map((id, i) => store.updateUser(id, () => ({ next: userRecord(id, { failures: i }), result: null }))),
      );
      await store.updateUser('gone', () => ({ next: null, result: null }));
      await store.updateUser('ghost', () => ({ result: null }));
      const asked = ['bob', 'nobody', ...ids.slice(2).reverse(), 'ghost', 'alice', 'bob'];
      const expected = await Promise.all(asked.map((id) => store.getUser(id)));
      checkEqual(await store.getUsers(asked), expected, 'getUsers against getUser, id by id');
      checkEqual(
        expected.map((record) => record?.userId ?? null),
        [
          'bob',
          null,
          null,
          ' spaced id ',
          'élodie ☃',
          'quote " comma , brace } back \\',
          'user:{42}*?[x]',
          null,
          'alice',
          'bob',
        ],
        'which ids have a record',
      );
      checkEqual(await store.getUsers([]), [], 'getUsers of no id');
      const many = Array.from({ length: 500 }, (_, i) => (i % 100 === 0 ? 'alice' : `missing-${i}`));
      checkEqual(
        (await store.getUsers(many)).map((record) => record?.userId ?? null),
        many.map((id) => (id === 'alice' ? 'alice' : null)),
        'getUsers of 500 ids, alice among them five times',
      );
    });

    test('S14 replay: 20 parallel verifications of one valid code through a service on this store give exactly one success', async (store) => {
      const { service, identity, codeAt, clock } = await enrolledService(store, 'grace');
      clock.now += STEP;
      const code = codeAt(clock.now);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => service.actions.verify(identity(`replay-${i}`), { code })),
      );
      const ok = answers.filter((answer) => answer.status === 200);
      checkEqual(ok.length, 1, 'successes among 20 parallel copies of one code');
      const codes = answers
        .filter((a) => a.status !== 200)
        .map((a) => (a.body as { error: { code: string } }).error.code);
      checkEqual(new Set(codes), new Set(['code-reused']), 'the other answers');
      checkEqual((await store.getUser('grace'))?.failures, 0, 'a reused code is not counted as a failure');
    });

    test('S21 exact failure counting: 30 parallel wrong codes through a service on this store count exactly 30', async (store) => {
      const { service, identity, secret, clock } = await enrolledService(store, 'heidi', { threshold: 100 });
      const wrong = wrongCodeFor(secret, clock.now);
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => service.actions.verify(identity(`burst-${i}`), { code: wrong })),
      );
      checkEqual(
        answers.map((a) => a.status),
        Array.from({ length: 30 }, () => 400),
        'every wrong code answers 400',
      );
      checkEqual((await store.getUser('heidi'))?.failures, 30, 'failures after 30 parallel wrong codes');
    });

    counterContractTests(test);
  });
}
