/**
 * `sqliteStore(path)`: a durable store on better-sqlite3 (major 12, which runs on Node 20).
 * State survives a restart of the process; several processes on one machine may share the file.
 */
import Database from 'better-sqlite3';
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
}

/**
 * A store in an SQLite file (created when missing). Each check-and-set runs inside one
 * `BEGIN IMMEDIATE` transaction, so parallel requests, even from several processes, cannot both
 * pass the replay check or lose a failure count.
 *
 * @example const store = sqliteStore('./data/totp.sqlite')
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): TotpStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS totp_users (
      user_id TEXT PRIMARY KEY,
      data TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS totp_sessions (
      session_id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      data TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS totp_sessions_user ON totp_sessions (user_id);
  `);

  const selectUser = db.prepare<[string], { data: string }>('SELECT data FROM totp_users WHERE user_id = ?');
  const upsertUser = db.prepare<[string, string]>(
    'INSERT INTO totp_users (user_id, data) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET data = excluded.data',
  );
  const deleteUser = db.prepare<[string]>('DELETE FROM totp_users WHERE user_id = ?');
  const listUsers = db.prepare<[], { user_id: string }>('SELECT user_id FROM totp_users ORDER BY user_id');
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
    const { next, result } = change(row ? (JSON.parse(row.data) as UserRecord) : null);
    if (next === null) deleteUser.run(userId);
    else if (next !== undefined) upsertUser.run(userId, JSON.stringify(next));
    return result;
  });

  return {
    async getUser(userId) {
      const row = selectUser.get(userId);
      return row ? (JSON.parse(row.data) as UserRecord) : null;
    },
    async updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T> {
      return update.immediate(userId, change) as T;
    },
    async getSession(sessionId) {
      const row = selectSession.get(sessionId);
      return row ? (JSON.parse(row.data) as SessionRecord) : null;
    },
    async putSession(record: SessionRecord) {
      upsertSession.run(record.sessionId, record.userId, JSON.stringify(record));
    },
    async deleteSession(sessionId) {
      removeSession.run(sessionId);
    },
    async deleteSessionsOf(userId) {
      removeSessionsOf.run(userId);
    },
    async sweep(now) {
      return removeExpired.run(now).changes;
    },
    async listUserIds() {
      return listUsers.all().map((row) => row.user_id);
    },
    close() {
      db.close();
    },
  };
}
