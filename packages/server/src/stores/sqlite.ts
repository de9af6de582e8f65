/**
 * `sqliteStore(path)` at `@totp-gate/server/sqlite`: a durable store on better-sqlite3 (major 12,
 * which runs on Node 20; an optional peer dependency, loaded when the store is created). State
 * survives a restart of the process; several processes on one machine may share the file.
 *
 * The file and its `-wal` / `-shm` companions are created readable by their owner only (S46).
 * better-sqlite3 is synchronous, so a lock held by another process blocks this process's event
 * loop while SQLite waits for it: the wait is short (`busyTimeoutMs`, 100 ms by default) and
 * after it the store throws {@link StoreUnavailableError}, which the service answers with `503`
 * and `Retry-After` (S70) instead of a `500` after five seconds.
 */
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { changesOnlyCounter, joinCounter, splitCounter } from './counter.js';
import { DecodedRecords } from './decoded.js';
import { StoreUnavailableError } from './types.js';
import type { SessionRecord, TotpStore, UserChange, UserRecord } from './types.js';

/** Options for {@link sqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * SQLite `synchronous` pragma. `NORMAL` (the default, with WAL) survives a crash of the process
   * and never corrupts the file; after a power loss the last few commits may be lost, which could
   * re-open a just-used time step for up to the window's lifetime. `FULL` closes that gap at the
   * cost of an fsync per write.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * How long one operation waits for a lock another connection holds, in milliseconds (default
   * 100). The wait blocks this process's event loop, so keep it short; after it the operation
   * throws {@link StoreUnavailableError} and changes nothing.
   */
  busyTimeoutMs?: number;
  /**
   * How many users' decoded records the store keeps, so that a wrong code does not parse the
   * whole record again (S86): default 10,000, about 3.5 kB each (some 35 MB at 10,000); 0 keeps
   * none. A kept record is used only while the stored text is the same.
   */
  decodedRecords?: number;
}

type Database = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

const require = createRequire(import.meta.url);

function loadDriver(): DatabaseConstructor {
  try {
    return require('better-sqlite3') as DatabaseConstructor;
  } catch (error) {
    throw new Error('sqliteStore needs the better-sqlite3 package (major 12): npm install better-sqlite3@12', {
      cause: error,
    });
  }
}

/** Creates the database file with mode 0600 when it does not exist yet; SQLite gives `-wal` and `-shm` the same mode. */
function createPrivately(path: string): void {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return;
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Runs `operation`, turning "database is locked" into {@link StoreUnavailableError}. */
function unlessBusy<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (isBusy(error))
      throw new StoreUnavailableError('The SQLite database is locked by another connection.', { cause: error });
    throw error;
  }
}

function openDatabase(path: string, options: SqliteStoreOptions): Database {
  const busyTimeout = options.busyTimeoutMs ?? 100;
  if (!Number.isInteger(busyTimeout) || busyTimeout < 0)
    throw new TypeError('busyTimeoutMs must be a whole number ≥ 0');
  const Driver = loadDriver();
  createPrivately(path);
  const db = new Driver(path);
  try {
    // The busy wait first: switching to WAL and creating the tables take locks too, and several
    // processes may open the file at once.
    db.pragma(`busy_timeout = ${busyTimeout}`);
    unlessBusy(() => {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.exec(`
        CREATE TABLE IF NOT EXISTS totp_users (
          user_id TEXT PRIMARY KEY,
          data TEXT NOT NULL,
          failures INTEGER,
          last_failure_at INTEGER
        );
        CREATE TABLE IF NOT EXISTS totp_sessions (
          session_id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          data TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS totp_sessions_user ON totp_sessions (user_id);
      `);
      addCounterColumns(db);
    });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A file made before the failure counter had columns of its own (S85) gets them, empty: such a
 * row's counter stays in its JSON until the row is next written ({@link userOf}). Checked and
 * altered in one write transaction, so two processes opening an old file at once add them once.
 */
function addCounterColumns(db: Database): void {
  const present = () =>
    db
      .prepare<[], { name: string }>('PRAGMA table_info(totp_users)')
      .all()
      .some((column) => column.name === 'failures');
  if (present()) return;
  db.transaction(() => {
    if (present()) return;
    db.exec('ALTER TABLE totp_users ADD COLUMN failures INTEGER');
    db.exec('ALTER TABLE totp_users ADD COLUMN last_failure_at INTEGER');
  }).immediate();
}

/** A `totp_users` row as the store selects it. */
interface UserRow {
  data: string;
  failures: number | null;
  last_failure_at: number | null;
}

/** The columns {@link userOf} reads, for every query that selects a user. */
const USER_COLUMNS = 'data, failures, last_failure_at';

/**
 * The record of a `totp_users` row: its JSON with the failure counter from the counter's own
 * columns (S85), or from the JSON in a row written before those existed.
 */
function userOf(row: UserRow): UserRecord {
  return joinCounter(JSON.parse(row.data) as UserRecord, row.failures, row.last_failure_at);
}

/**
 * A store in an SQLite file (created when missing, mode 0600). Each check-and-set runs inside one
 * `BEGIN IMMEDIATE` transaction, so parallel requests, even from several processes, cannot both
 * pass the replay check or lose a failure count.
 *
 * @example
 * import { sqliteStore } from '@totp-gate/server/sqlite'
 * const store = sqliteStore('./data/totp.sqlite')
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): TotpStore {
  // The records this connection decoded (S86); listings (getUsers) decode without it. First: a
  // bad option is refused before the file is opened.
  const decoded = new DecodedRecords(options.decodedRecords);
  const db = openDatabase(path, options);

  const selectUser = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM totp_users WHERE user_id = ?`);
  // The ids as one JSON array parameter: one statement for any number of ids, no SQL built per call.
  const selectUsers = db.prepare<[string], UserRow & { user_id: string }>(
    `SELECT user_id, ${USER_COLUMNS} FROM totp_users WHERE user_id IN (SELECT value FROM json_each(?))`,
  );
  const upsertUser = db.prepare<[string, string, number, number | null]>(
    'INSERT INTO totp_users (user_id, data, failures, last_failure_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) ' +
      'DO UPDATE SET data = excluded.data, failures = excluded.failures, last_failure_at = excluded.last_failure_at',
  );
  const countUser = db.prepare<[number, number | null, string]>(
    'UPDATE totp_users SET failures = ?, last_failure_at = ? WHERE user_id = ?',
  );
  const deleteUser = db.prepare<[string]>('DELETE FROM totp_users WHERE user_id = ?');
  const listUsers = db.prepare<[], { user_id: string }>('SELECT user_id FROM totp_users ORDER BY user_id');
  const firstUsers = db.prepare<[number], { user_id: string }>(
    'SELECT user_id FROM totp_users ORDER BY user_id LIMIT ?',
  );
  const usersAfter = db.prepare<[string, number], { user_id: string }>(
    'SELECT user_id FROM totp_users WHERE user_id > ? ORDER BY user_id LIMIT ?',
  );
  const selectSession = db.prepare<[string], { data: string }>('SELECT data FROM totp_sessions WHERE session_id = ?');
  const upsertSession = db.prepare<[string, string, string]>(
    'INSERT INTO totp_sessions (session_id, user_id, data) VALUES (?, ?, ?) ' +
      'ON CONFLICT (session_id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data',
  );
  const removeSession = db.prepare<[string]>('DELETE FROM totp_sessions WHERE session_id = ?');
  const removeSessionsOf = db.prepare<[string]>('DELETE FROM totp_sessions WHERE user_id = ?');
  const removeExpired = db.prepare<[number]>("DELETE FROM totp_sessions WHERE json_extract(data, '$.expiresAt') <= ?");

  // better-sqlite3 is synchronous: the read, the caller's check and the write all happen inside
  // this one call, under SQLite's write lock (taken at BEGIN IMMEDIATE, not at the first write).
  const update = db.transaction((userId: string, change: (current: UserRecord | null) => UserChange<unknown>) => {
    const row = selectUser.get(userId);
    const current = row ? decoded.user(userId, row.data, row.failures, row.last_failure_at) : null;
    const { next, result } = change(current);
    if (next === null) {
      deleteUser.run(userId);
      decoded.forget(userId);
    } else if (changesOnlyCounter(current, next)) countUser.run(next.failures, next.lastFailureAt, userId);
    else if (next !== undefined) {
      const { rest, counter } = splitCounter(next);
      upsertUser.run(userId, JSON.stringify(rest), counter.failures, counter.lastFailureAt);
    }
    return result;
  });

  return {
    async getUser(userId) {
      const row = unlessBusy(() => selectUser.get(userId));
      return row ? decoded.user(userId, row.data, row.failures, row.last_failure_at) : null;
    },
    async getUsers(userIds) {
      const rows = unlessBusy(() => selectUsers.all(JSON.stringify(userIds)));
      const found = new Map(rows.map((row) => [row.user_id, row]));
      return userIds.map((userId) => {
        const row = found.get(userId);
        return row ? userOf(row) : null;
      });
    },
    async updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T> {
      return unlessBusy(() => update.immediate(userId, change)) as T;
    },
    async getSession(sessionId) {
      const row = unlessBusy(() => selectSession.get(sessionId));
      return row ? (JSON.parse(row.data) as SessionRecord) : null;
    },
    async putSession(record: SessionRecord) {
      unlessBusy(() => upsertSession.run(record.sessionId, record.userId, JSON.stringify(record)));
    },
    async deleteSession(sessionId) {
      unlessBusy(() => removeSession.run(sessionId));
    },
    async deleteSessionsOf(userId) {
      unlessBusy(() => removeSessionsOf.run(userId));
    },
    async sweep(now) {
      return unlessBusy(() => removeExpired.run(now).changes);
    },
    async listUserIds() {
      return unlessBusy(() => listUsers.all()).map((row) => row.user_id);
    },
    async listUserIdsAfter(after, limit) {
      const rows = unlessBusy(() => (after === null ? firstUsers.all(limit) : usersAfter.all(after, limit)));
      return rows.map((row) => row.user_id);
    },
    close() {
      db.close();
    },
  };
}
