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
import {
  assertOldRecordKeepsItsCount,
  assertWrongCodeWritesOnlyTheCounter,
  type RawAccess,
} from './test/counter-apart.js';
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
  await pool.query('DROP TABLE IF EXISTS totp_sessions, totp_users, test_data_writes');
}

/** The schema of the PostgreSQL store before S85. */
const OLD_SCHEMA = `
CREATE TABLE totp_users (user_id text COLLATE "C" PRIMARY KEY, data jsonb);
CREATE TABLE totp_sessions (session_id text PRIMARY KEY, user_id text NOT NULL, expires_at bigint, data jsonb NOT NULL);
`;

const raw: RawAccess = {
  async data(userId) {
    const found = await pool.query<{ data: string | null }>(
      'SELECT data::text AS data FROM totp_users WHERE user_id = $1',
      [userId],
    );
    return found.rows[0]?.data ?? null;
  },
  async counter(userId) {
    const found = await pool.query<{ failures: number | null; last_failure_at: number | null }>(
      'SELECT failures, last_failure_at FROM totp_users WHERE user_id = $1',
      [userId],
    );
    const row = found.rows[0];
    return row && row.failures !== null ? [row.failures, row.last_failure_at] : null;
  },
  async watchData() {
    await pool.query(`
      CREATE TABLE IF NOT EXISTS test_data_writes (user_id text);
      CREATE OR REPLACE FUNCTION test_count_data_write() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN INSERT INTO test_data_writes VALUES (NEW.user_id); RETURN NEW; END $$;
      CREATE OR REPLACE TRIGGER test_count_data_writes AFTER UPDATE OF data ON totp_users
        FOR EACH ROW EXECUTE FUNCTION test_count_data_write();
    `);
  },
  async dataWritten(userId) {
    return (await pool.query('SELECT 1 FROM test_data_writes WHERE user_id = $1', [userId])).rows.length > 0;
  },
  async writeOld(record) {
    await pool.query('INSERT INTO totp_users (user_id, data) VALUES ($1, $2::jsonb)', [
      record.userId,
      JSON.stringify(record),
    ]);
  },
};

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

  it('S85 a wrong code updates the counter columns and not the JSON', async () => {
    await emptyDatabase();
    await assertWrongCodeWritesOnlyTheCounter(postgresStore(pool), raw);
  });

  it('S85 S20 a table from before the counter columns gets them, and its rows keep their count: the next wrong code locks', async () => {
    await emptyDatabase();
    await pool.query(OLD_SCHEMA);
    await assertOldRecordKeepsItsCount(raw, async () => postgresStore(pool));
    const columns = await pool.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'totp_users' ORDER BY ordinal_position",
    );
    assert.deepEqual(
      columns.rows.map((row) => `${row.column_name} ${row.data_type}`),
      ['user_id text', 'data jsonb', 'failures integer', 'last_failure_at double precision'],
    );
    // The schema again (another process starting, or a team's migration run twice) changes nothing.
    await pool.query(POSTGRES_SCHEMA);
    assert.equal((await postgresStore(pool).getUser('oscar'))?.failures, 5);
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
