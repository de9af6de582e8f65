/**
 * Restart with the SQLite store: a new service over the same file sees the pending enrollment,
 * the active factor, the used steps, the lock and the verified sessions.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { STORE_KINDS, STEP, codeAt, enrolled, makeHarness, wrongCode } from './test/harness.js';

const sqlite = STORE_KINDS.find((kind) => kind.name === 'sqliteStore')!;

describe('SQLite store across a restart', () => {
  const encryptionKey = randomBytes(32);

  it('keeps a pending enrollment: the same secret for the session after restart, and it can be confirmed', async () => {
    const made = sqlite.make();
    try {
      const before = makeHarness(made.store, { encryptionKey });
      const { body } = await before.as('alice').enroll();
      const after = makeHarness(made.reopen!(), { encryptionKey });
      after.clock.now = before.clock.now + 60_000;
      const again = await after.as('alice').enroll();
      assert.equal(again.body.secret, body.secret);
      assert.equal((await after.as('alice').confirm(codeAt(body.secret, after.clock.now))).status, 200);
    } finally {
      made.cleanup();
    }
  });

  it('keeps the active factor, the used step, verified sessions and the lock', async () => {
    const made = sqlite.make();
    try {
      const before = makeHarness(made.store, { encryptionKey });
      const { secret } = await enrolled(before, 'alice', 'kept-session');
      before.clock.now += STEP;
      const used = codeAt(secret, before.clock.now);
      assert.equal((await before.as('alice', 'two').verify(used)).status, 200);
      await enrolled(before, 'bob');
      for (let i = 0; i < 5; i++) await before.as('bob', 'x').verify(wrongCode(secret, before.clock.now, 2));

      const after = makeHarness(made.reopen!(), { encryptionKey });
      after.clock.now = before.clock.now + 1_000;
      assert.equal((await after.as('alice', 'new').status()).body.state, 'challenge-required');
      assert.equal(await after.as('alice', 'kept-session').guard(), null, 'verified sessions survive');
      const replay = await after.as('alice', 'three').verify(used);
      assert.equal(replay.body.error.code, 'code-reused', 'used steps survive');
      const bob = await after.as('bob', 'y').status();
      assert.equal(bob.body.state, 'locked', 'the lock survives');
      assert.equal((await after.store.getUser('bob'))?.failures, 5);
      after.clock.now += 2 * STEP;
      assert.equal((await after.as('alice', 'four').verify(codeAt(secret, after.clock.now))).status, 200);
    } finally {
      made.cleanup();
    }
  });
});
