/**
 * postgresStore against a real PostgreSQL server started for this file: the store contract
 * suite, the schema as a migration, and failing closed (a held row lock, a server that is down).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { emptyUser, StoreUnavailableError } from './index.js';
import { POSTGRES_SCHEMA, postgresStore } from './stores/postgres.js';
import { runStoreContractTests } from './testing/index.js';
import { assertFailsClosedWithoutServer, enrolled, makeHarness, STEP, wrongCode } from './test/harness.js';
import { startPostgres } from './test/servers.js';

const started = await startPostgres();
const skip = started.skip ?? false;
let pool: pg.Pool;

before(() => {
  if (started.server) pool = new pg.Pool({ connectionString: started.server.url, max: 30 });
});
after(async () => {
  await pool?.end();
  await started.server?.stop();
});

async function emptyDatabase(): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS totp_sessions, totp_users');
}

describe('postgresStore', { skip }, () => {
  runStoreContractTests(
    'postgresStore (a pg.Pool of the host)',
    async () => {
      await emptyDatabase();
      return postgresStore(pool);
    },
    { describe, it },
  );

  it('creates its tables and indexes when missing, and the same SQL works as a migration', async () => {
    await emptyDatabase();
    await pool.query(POSTGRES_SCHEMA);
    const store = postgresStore(pool, { createTables: false });
    await store.updateUser('alice', () => ({ next: emptyUser('alice'), result: null }));
    assert.deepEqual(await store.listUserIds(), ['alice']);
    const indexes = await pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'totp_sessions' ORDER BY indexname",
    );
    assert.deepEqual(
      indexes.rows.map((row) => row.indexname),
      ['totp_sessions_expires_at', 'totp_sessions_pkey', 'totp_sessions_user_id'],
    );
    const types = await pool.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE column_name = 'data' AND table_name LIKE 'totp_%'",
    );
    assert.deepEqual(new Set(types.rows.map((row) => row.data_type)), new Set(['jsonb']));
  });

  it('an update that stores nothing leaves no row behind (the row inserted to be locked is rolled back)', async () => {
    await emptyDatabase();
    const store = postgresStore(pool);
    await store.updateUser('bob', () => ({ result: null }));
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM totp_users')).rows[0].n, 0);
  });

  it('S70 a row lock held past lockTimeoutMs fails closed: StoreUnavailableError, a 503 with Retry-After, nothing counted', async () => {
    await emptyDatabase();
    const store = postgresStore(pool, { lockTimeoutMs: 200 });
    const h = makeHarness(store);
    const { secret } = await enrolled(h, 'carol');
    h.clock.now += STEP;
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query("SELECT data FROM totp_users WHERE user_id = 'carol' FOR UPDATE");
      const started = performance.now();
      await assert.rejects(
        store.updateUser('carol', (current) => ({ next: current, result: null })),
        StoreUnavailableError,
      );
      assert.ok(performance.now() - started < 3_000, 'the wait is bounded by lock_timeout');
      const answer = await h.as('carol', 'other').verify(wrongCode(secret, h.clock.now));
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '1');
      assert.equal(answer.body.error.code, 'unavailable');
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    assert.equal((await store.getUser('carol'))?.failures, 0);
  });

  it('S70 a server that does not answer fails closed with StoreUnavailableError', () =>
    assertFailsClosedWithoutServer((port) => postgresStore(`postgres://postgres@127.0.0.1:${port}/postgres`)));
});
