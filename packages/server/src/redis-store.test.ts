/**
 * redisStore against a real redis-server started for this file: the store contract suite, key
 * layout (one hash slot per user, session TTLs), and failing closed (contention past the retry
 * bound, a server that is down).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClientPool } from 'redis';
import { emptyUser, StoreUnavailableError } from './index.js';
import { redisStore, type RedisPool } from './stores/redis.js';
import { runStoreContractTests } from './testing/index.js';
import {
  assertOldRecordKeepsItsCount,
  assertWrongCodeWritesOnlyTheCounter,
  type RawAccess,
} from './test/counter-apart.js';
import {
  assertKeepsNoneWhenZero,
  assertReadsOtherCountsAndDeletes,
  assertReadsOtherWrites,
  assertRecordsAreFrozen,
} from './test/decoded-records.js';
import { assertFailsClosedWithoutServer } from './test/harness.js';
import { startRedis } from './test/servers.js';

const started = await startRedis();
const skip = started.skip ?? false;
let pool: RedisPool & { connect(): Promise<unknown>; close(): Promise<unknown> };

before(async () => {
  if (!started.server) return;
  pool = createClientPool({ url: started.server.url }, { maximum: 20 }) as unknown as typeof pool;
  await pool.connect();
});
after(async () => {
  await pool?.close();
  await started.server?.stop();
});

/** The keys under the default prefix, as the store before S85 wrote them too (the counter inside the JSON). */
const raw: RawAccess = {
  async data(userId) {
    return (await pool.sendCommand(['GET', `totp:{${userId}}:user`])) as string | null;
  },
  async counter(userId) {
    const value = (await pool.sendCommand(['GET', `totp:{${userId}}:failures`])) as string | null;
    return value === null ? null : (JSON.parse(value) as [number, number | null]);
  },
  async watchData(userId) {
    // A write of the key (SET without KEEPTTL) removes its TTL; the store sets none itself.
    await pool.sendCommand(['PEXPIRE', `totp:{${userId}}:user`, '86400000']);
  },
  async dataWritten(userId) {
    return Number(await pool.sendCommand(['PTTL', `totp:{${userId}}:user`])) === -1;
  },
  async writeOld(record) {
    await pool.sendCommand(['SET', `totp:{${record.userId}}:user`, JSON.stringify(record)]);
    await pool.sendCommand(['ZADD', 'totp:users', '0', record.userId]);
  },
};

describe('redisStore', { skip }, () => {
  it('S85 a wrong code sets the counter key and not the JSON key', async () => {
    await pool.sendCommand(['FLUSHDB']);
    await assertWrongCodeWritesOnlyTheCounter(redisStore(pool), raw);
  });

  it('S85 S20 a record from before the counter key keeps its count: the next wrong code locks', async () => {
    await pool.sendCommand(['FLUSHDB']);
    await assertOldRecordKeepsItsCount(raw, async () => redisStore(pool));
    assert.deepEqual(await redisStore(pool).listUserIds(), ['oscar']);
  });

  runStoreContractTests(
    'redisStore (a client pool of the host)',
    async () => {
      await pool.sendCommand(['FLUSHDB']);
      // A longer retry window than the 2 s default: on a loaded test machine 50 parallel writers
      // of one key can take longer than that, and the suite checks atomicity, not latency.
      return redisStore(pool, { retryForMs: 20_000 });
    },
    { describe, it },
  );

  it('S86: reuses a record while its key is unchanged, and reads another process’s write at once', async () => {
    await pool.sendCommand(['FLUSHDB']);
    await assertReadsOtherWrites({ a: redisStore(pool), b: redisStore(pool) });
  });

  it('S86: a wrong code counted, a reset and a deletion through another process are read at once', async () => {
    await pool.sendCommand(['FLUSHDB']);
    await assertReadsOtherCountsAndDeletes({ a: redisStore(pool), b: redisStore(pool) });
  });

  it('S86: a record handed out cannot change what the next read gets', async () => {
    await pool.sendCommand(['FLUSHDB']);
    await assertRecordsAreFrozen({ a: redisStore(pool), b: redisStore(pool) });
  });

  it('decodedRecords: 0 keeps none; a count that is no whole number ≥ 0 is refused', async () => {
    await pool.sendCommand(['FLUSHDB']);
    assert.throws(() => redisStore(pool, { decodedRecords: -1 }), /decodedRecords must be a whole number/);
    await assertKeepsNoneWhenZero({ a: redisStore(pool, { decodedRecords: 0 }), b: redisStore(pool) });
  });

  it("keeps a user's keys in one hash slot and gives session keys the TTL of expiresAt", async () => {
    await pool.sendCommand(['FLUSHDB']);
    const store = redisStore(pool, { prefix: 'app:' });
    await store.updateUser('u:{1}', () => ({ next: emptyUser('u:{1}'), result: null }));
    const expiresAt = Date.now() + 600_000;
    await store.putSession({
      sessionId: 's1',
      userId: 'u:{1}',
      verifiedAt: null,
      generation: 0,
      deferred: false,
      exemptionNotedAt: null,
      expiresAt,
    });
    const keys = ((await pool.sendCommand(['KEYS', 'app:*'])) as string[]).sort();
    assert.deepEqual(keys, [
      'app:session:{s1}',
      'app:users',
      'app:{u:{1}}:failures',
      'app:{u:{1}}:sessions',
      'app:{u:{1}}:user',
    ]);
    const slots = await Promise.all(
      ['app:{u:{1}}:user', 'app:{u:{1}}:failures', 'app:{u:{1}}:sessions'].map((key) =>
        pool.sendCommand(['CLUSTER', 'KEYSLOT', key]).catch(() => null),
      ),
    );
    if (slots[0] !== null) assert.deepEqual(new Set(slots).size, 1, 'one hash slot per user');
    assert.equal(Number(await pool.sendCommand(['PEXPIRETIME', 'app:session:{s1}'])), expiresAt);
    assert.throws(() => redisStore(pool, { prefix: 'a{b}:' }), TypeError);
  });

  it('S70 contention past the retry bound fails closed with StoreUnavailableError and stores nothing', async () => {
    await pool.sendCommand(['FLUSHDB']);
    let execs = 0;
    // Before every EXEC of the store, another client writes the watched record: a real conflict
    // that Redis itself refuses, every time.
    const meddling: RedisPool = {
      sendCommand: (args) => pool.sendCommand(args),
      execute: (task) =>
        pool.execute((connection) =>
          task({
            async sendCommand(args) {
              if (args[0] === 'EXEC') {
                execs++;
                const other = { ...emptyUser('bob'), failures: execs };
                await pool.sendCommand(['SET', 'totp:{bob}:user', JSON.stringify(other)]);
              }
              return connection.sendCommand(args);
            },
          }),
        ),
    };
    const store = redisStore(meddling, { maxAttempts: 3 });
    await assert.rejects(
      store.updateUser('bob', (current) => ({
        next: { ...(current ?? emptyUser('bob')), failures: 99 },
        result: null,
      })),
      StoreUnavailableError,
    );
    assert.equal(execs, 3, 'three attempts, then it gives up');
    assert.equal((await store.getUser('bob'))?.failures, 3, 'only the other writer wrote');
  });

  it('a burst of commands on a store that is still connecting waits for the connection, all of them', async () => {
    const store = redisStore(started.server!.url);
    try {
      const ids = Array.from({ length: 16 }, (_, i) => `burst-${i}`);
      await Promise.all(ids.map((id) => store.updateUser(id, () => ({ next: emptyUser(id), result: null }))));
      const records = await Promise.all(ids.map((id) => store.getUser(id)));
      assert.deepEqual(
        records.map((r) => r?.userId),
        ids,
      );
    } finally {
      await store.close?.();
    }
  });

  it('S70 a server that does not answer fails closed with StoreUnavailableError', () =>
    assertFailsClosedWithoutServer((port) => redisStore(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 300 })));
});
