/**
 * The SQLite file itself: created private (S46), and a database locked by another connection
 * answers 503 with Retry-After after a short wait, changing nothing (S70).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { emptyUser, StoreUnavailableError } from './index.js';
import { sqliteStore } from './stores/sqlite.js';
import { enrolled, makeHarness, STEP, wrongCode } from './test/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'totp-sqlite-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('SQLite files', () => {
  it('S46 the database and its -wal and -shm files are created readable by their owner only, whatever the umask', async () => {
    const path = join(dir, 'private.sqlite');
    const previous = process.umask(0);
    try {
      const store = sqliteStore(path);
      await store.updateUser('alice', () => ({ next: emptyUser('alice'), result: null }));
      await store.putSession({
        sessionId: 's',
        userId: 'alice',
        verifiedAt: null,
        generation: 0,
        deferred: false,
        exemptionNotedAt: null,
      });
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        assert.ok(existsSync(file), `${file} exists while the store is open`);
        assert.equal(modeOf(file).toString(8), '600', `mode of ${file}`);
      }
      store.close?.();
    } finally {
      process.umask(previous);
    }
  });

  it('S46 a database file that exists already keeps the mode its owner chose', () => {
    const path = join(dir, 'existing.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o640);
    sqliteStore(path).close?.();
    assert.equal(modeOf(path).toString(8), '640');
  });
});

describe('a locked SQLite database', () => {
  it('S70 answers 503 with Retry-After and a JSON error after a short wait, and changes nothing', async () => {
    const path = join(dir, 'locked.sqlite');
    const h = makeHarness(sqliteStore(path));
    const { secret } = await enrolled(h, 'alice');
    h.clock.now += STEP;
    const blocker = new Database(path);
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const answer = await h.as('alice', 'other').verify(wrongCode(secret, h.clock.now));
      const waited = performance.now() - started;
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '1');
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(answer.body.error.code, 'unavailable');
      assert.equal(answer.body.error.retryAfter, 1);
      assert.doesNotMatch(JSON.stringify(answer.body), /SQLITE|locked|sqlite|at /, 'no internals in the answer');
      // The default wait is 100 ms; far below the 5 s that used to block the process.
      assert.ok(waited < 2_000, `waited ${Math.round(waited)} ms`);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    assert.equal((await h.store.getUser('alice'))?.failures, 0, 'the wrong code was not counted while locked');
    const again = await h.as('alice', 'other').verify(wrongCode(secret, h.clock.now));
    assert.equal(again.status, 400, 'once the lock is gone the same request is answered');
    h.store.close?.();
  });

  it('S70 the store throws StoreUnavailableError, waiting no longer than busyTimeoutMs allows', async () => {
    const path = join(dir, 'locked-store.sqlite');
    const store = sqliteStore(path, { busyTimeoutMs: 0 });
    const blocker = new Database(path);
    blocker.exec('BEGIN IMMEDIATE');
    try {
      await assert.rejects(
        store.updateUser('bob', () => ({ next: emptyUser('bob'), result: null })),
        (error) => error instanceof StoreUnavailableError && error.retryAfter === 1,
      );
      await assert.rejects(
        store.putSession({
          sessionId: 's',
          userId: 'bob',
          verifiedAt: null,
          generation: 0,
          deferred: false,
          exemptionNotedAt: null,
        }),
        StoreUnavailableError,
      );
      assert.equal(await store.getUser('bob'), null, 'reads still work under WAL');
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
      store.close?.();
    }
    assert.throws(() => sqliteStore(path, { busyTimeoutMs: -1 }), TypeError);
  });
});
