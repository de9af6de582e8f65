/**
 * `postgresStore(pool | url)` at `@totp-gate/server/postgres`: a store shared by every app server,
 * on node-postgres (`pg`, an optional peer dependency).
 *
 * `updateUser` runs on one dedicated connection: `BEGIN`, `SELECT … FOR UPDATE` (inserting the
 * row first when the user has none, so there is a row to lock), `change`, `UPDATE`/`DELETE`,
 * `COMMIT`. A second request for the same user waits on the row lock, so the replay check (S14)
 * and the failure count (S21) hold across processes and machines (S48). `lock_timeout` and
 * `statement_timeout` bound that wait: a stuck lock fails closed with
 * {@link StoreUnavailableError} (the service answers 503) instead of hanging.
 */
import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { changesOnlyCounter, joinCounter, splitCounter } from './counter.js';
import { StoreUnavailableError } from './types.js';
import type { SessionRecord, TotpStore, UserChange, UserRecord } from './types.js';

/**
 * The schema, for teams that manage migrations themselves (pass `createTables: false` then).
 * `user_id` collates as `"C"` so the admin listing is in code-point order and uses the key's index.
 * A user row with `data` NULL exists only inside an open `updateUser` transaction. The failure
 * counter has columns of its own (S85), so a wrong code updates two numbers rather than the whole
 * record; a table made before that gets them (the `DO` block), and until a row is next written
 * its counter stays in its JSON, `failures` NULL.
 */
// #region schema
export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS totp_users (
  user_id text COLLATE "C" PRIMARY KEY,
  data jsonb,
  failures integer,
  last_failure_at double precision
);
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = 'totp_users'::regclass AND attname = 'failures') THEN
    ALTER TABLE totp_users ADD COLUMN IF NOT EXISTS failures integer,
      ADD COLUMN IF NOT EXISTS last_failure_at double precision;
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS totp_sessions (
  session_id text PRIMARY KEY,
  user_id text NOT NULL,
  expires_at bigint,
  data jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS totp_sessions_user_id ON totp_sessions (user_id);
CREATE INDEX IF NOT EXISTS totp_sessions_expires_at ON totp_sessions (expires_at) WHERE expires_at IS NOT NULL;
`;
// #endregion schema

/** Options for {@link postgresStore}. */
export interface PostgresStoreOptions {
  /** Run {@link POSTGRES_SCHEMA} (idempotent, under an advisory lock) before the first query. Default true. */
  createTables?: boolean;
  /** How long `updateUser` waits for another request's row lock, in ms (default 2000). */
  lockTimeoutMs?: number;
  /** The longest one statement of `updateUser` may run, in ms (default 5000). */
  statementTimeoutMs?: number;
}

// SQLSTATEs after which trying again later is the right answer: lock or statement timeout,
// serialization failure, deadlock, too many connections, server shutting down or starting.
const RETRYABLE = new Set(['55P03', '57014', '40001', '40P01', '53300', '53400', '57P01', '57P02', '57P03']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (RETRYABLE.has(code) || code.startsWith('08') || NETWORK.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/.test(
    message,
  );
}

/** Rethrows engine trouble as {@link StoreUnavailableError}, anything else as it is. */
function rethrow(error: unknown): never {
  if (unavailable(error)) throw new StoreUnavailableError('PostgreSQL could not answer in time.', { cause: error });
  throw error;
}

function milliseconds(value: number | undefined, fallback: number, name: string): number {
  const ms = value ?? fallback;
  if (!Number.isInteger(ms) || ms < 1) throw new TypeError(`${name} must be a whole number of milliseconds ≥ 1`);
  return ms;
}

/** The advisory lock that serializes table creation (one implicit transaction) when several processes start at once. */
const SCHEMA_LOCK = 74_686_172;
/** A `totp_users` row as the store selects it (node-postgres gives `jsonb` parsed). */
interface UserRow {
  data: UserRecord | null;
  failures: number | null;
  last_failure_at: number | null;
}

/** The columns {@link userOf} reads, for every query that selects a user. */
const USER_COLUMNS = 'data, failures, last_failure_at';

/**
 * The record of a `totp_users` row (null for the placeholder of an open update): its JSON with the
 * failure counter from the counter's own columns (S85), or from the JSON in a row written before
 * those existed.
 */
function userOf(row: UserRow | undefined): UserRecord | null {
  if (!row || row.data === null) return null;
  return joinCounter(row.data, row.failures, row.last_failure_at);
}

const SELECT_LOCKED = `SELECT ${USER_COLUMNS} FROM totp_users WHERE user_id = $1 FOR UPDATE`;
const INSERT_PLACEHOLDER = 'INSERT INTO totp_users (user_id, data) VALUES ($1, NULL) ON CONFLICT (user_id) DO NOTHING';

/**
 * A store in PostgreSQL. Pass a `pg.Pool` (yours: `close()` leaves it open) or a connection
 * string / pool config (the store's own pool: `close()` ends it).
 *
 * @example
 * import { postgresStore } from '@totp-gate/server/postgres'
 * const store = postgresStore(process.env.DATABASE_URL!)
 */
export function postgresStore(database: Pool | string | PoolConfig, options: PostgresStoreOptions = {}): TotpStore {
  const lockTimeout = milliseconds(options.lockTimeoutMs, 2_000, 'lockTimeoutMs');
  const statementTimeout = milliseconds(options.statementTimeoutMs, 5_000, 'statementTimeoutMs');
  const owned = !(database instanceof pg.Pool) && !isPool(database);
  const pool: Pool = owned
    ? new pg.Pool({
        connectionTimeoutMillis: 5_000,
        statement_timeout: statementTimeout,
        ...(typeof database === 'string' ? { connectionString: database } : (database as PoolConfig)),
      })
    : (database as Pool);
  // An idle client that loses its connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query gets a fresh connection.
  if (owned) pool.on('error', () => undefined);

  let ready: Promise<void> | null = options.createTables === false ? Promise.resolve() : null;
  function tables(): Promise<void> {
    ready ??= pool.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK}); ${POSTGRES_SCHEMA}`).then(
      () => undefined,
      (error: unknown) => {
        ready = null;
        rethrow(error);
      },
    );
    return ready;
  }

  async function query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    await tables();
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      rethrow(error);
    }
  }

  async function updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T> {
    await tables();
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      rethrow(error);
    }
    let healthy = true;
    const thrown: { byChange: boolean; error?: unknown } = { byChange: false };
    try {
      await client.query(
        `BEGIN; SET LOCAL lock_timeout = ${lockTimeout}; SET LOCAL statement_timeout = ${statementTimeout}`,
      );
      let locked = await client.query<UserRow>(SELECT_LOCKED, [userId]);
      if (locked.rows.length === 0) {
        await client.query(INSERT_PLACEHOLDER, [userId]);
        locked = await client.query<UserRow>(SELECT_LOCKED, [userId]);
      }
      const current = userOf(locked.rows[0]);
      let changed: UserChange<T>;
      try {
        changed = change(current);
      } catch (error) {
        thrown.byChange = true;
        thrown.error = error;
        throw error;
      }
      const { next, result } = changed;
      if (next === undefined) {
        // Nothing to store; rolling back also removes the row inserted only to be locked.
        await client.query('ROLLBACK');
      } else {
        if (next === null) await client.query('DELETE FROM totp_users WHERE user_id = $1', [userId]);
        else if (changesOnlyCounter(current, next))
          await client.query('UPDATE totp_users SET failures = $2, last_failure_at = $3 WHERE user_id = $1', [
            userId,
            next.failures,
            next.lastFailureAt,
          ]);
        else {
          const { rest, counter } = splitCounter(next);
          await client.query(
            'UPDATE totp_users SET data = $2::jsonb, failures = $3, last_failure_at = $4 WHERE user_id = $1',
            [userId, JSON.stringify(rest), counter.failures, counter.lastFailureAt],
          );
        }
        await client.query('COMMIT');
      }
      return result;
    } catch (error) {
      // After a failed statement the transaction is aborted; roll it back or drop the connection.
      await client.query('ROLLBACK').catch(() => (healthy = false));
      if (thrown.byChange) throw thrown.error;
      rethrow(error);
    } finally {
      client.release(!healthy);
    }
  }

  return {
    async getUser(userId) {
      const found = await query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM totp_users WHERE user_id = $1 AND data IS NOT NULL`,
        [userId],
      );
      return userOf(found.rows[0]);
    },
    async getUsers(userIds) {
      const found = await query<UserRow & { user_id: string }>(
        `SELECT user_id, ${USER_COLUMNS} FROM totp_users WHERE user_id = ANY($1::text[]) AND data IS NOT NULL`,
        [userIds],
      );
      const rows = new Map(found.rows.map((row) => [row.user_id, row]));
      return userIds.map((userId) => userOf(rows.get(userId)));
    },
    updateUser,
    async getSession(sessionId) {
      const found = await query<{ data: SessionRecord }>('SELECT data FROM totp_sessions WHERE session_id = $1', [
        sessionId,
      ]);
      return found.rows[0]?.data ?? null;
    },
    async putSession(record) {
      await query(
        'INSERT INTO totp_sessions (session_id, user_id, expires_at, data) VALUES ($1, $2, $3, $4::jsonb) ' +
          'ON CONFLICT (session_id) DO UPDATE SET user_id = excluded.user_id, expires_at = excluded.expires_at, data = excluded.data',
        [record.sessionId, record.userId, record.expiresAt ?? null, JSON.stringify(record)],
      );
    },
    async deleteSession(sessionId) {
      await query('DELETE FROM totp_sessions WHERE session_id = $1', [sessionId]);
    },
    async deleteSessionsOf(userId) {
      await query('DELETE FROM totp_sessions WHERE user_id = $1', [userId]);
    },
    async sweep(now) {
      return (await query('DELETE FROM totp_sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },
    async listUserIds() {
      const found = await query<{ user_id: string }>(
        'SELECT user_id FROM totp_users WHERE data IS NOT NULL ORDER BY user_id',
        [],
      );
      return found.rows.map((row) => row.user_id);
    },
    async listUserIdsAfter(after, limit) {
      const found =
        after === null
          ? await query<{ user_id: string }>(
              'SELECT user_id FROM totp_users WHERE data IS NOT NULL ORDER BY user_id LIMIT $1',
              [limit],
            )
          : await query<{ user_id: string }>(
              'SELECT user_id FROM totp_users WHERE data IS NOT NULL AND user_id > $1 ORDER BY user_id LIMIT $2',
              [after, limit],
            );
      return found.rows.map((row) => row.user_id);
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

/** A pool from another copy of `pg` is still a pool. */
function isPool(value: unknown): value is Pool {
  const candidate = value as Partial<Pool> | null;
  return (
    typeof candidate?.connect === 'function' &&
    typeof candidate.query === 'function' &&
    typeof candidate.end === 'function'
  );
}
