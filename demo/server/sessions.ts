/**
 * First-factor sessions of the demo, in SQLite next to the TOTP store's tables.
 *
 * The cookie holds a random token; the table keeps only its SHA-256, so a copy of the database
 * cannot be replayed as a cookie. Each session also has a short public `id`, which is what the
 * TOTP service and the audit log see: the token itself never leaves the cookie.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** The session cookie's name. HttpOnly, SameSite=Lax, Path=/. */
export const SESSION_COOKIE = 'acme_session';

/** How long a first-factor session lives without being used (8 hours, a working day). */
const IDLE_MS = 8 * 3_600_000;

/** A signed-in (first factor) session. */
export interface DemoSession {
  id: string;
  username: string;
  createdAt: Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Session storage on an open better-sqlite3 database. */
export function createSessionStore(db: Database, now: () => Date = () => new Date()) {
  db.exec(`CREATE TABLE IF NOT EXISTS demo_sessions (
    token_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  )`);
  const insert = db.prepare(
    'INSERT INTO demo_sessions (token_hash, id, username, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare('SELECT id, username, created_at, last_seen_at FROM demo_sessions WHERE token_hash = ?');
  const touch = db.prepare('UPDATE demo_sessions SET last_seen_at = ? WHERE token_hash = ?');
  const remove = db.prepare('DELETE FROM demo_sessions WHERE token_hash = ?');
  const removeById = db.prepare('DELETE FROM demo_sessions WHERE id = ?');
  const expire = db.prepare('DELETE FROM demo_sessions WHERE last_seen_at < ?');

  function create(username: string): { token: string; session: DemoSession } {
    const token = randomBytes(32).toString('base64url');
    const id = randomBytes(9).toString('base64url');
    const at = now().getTime();
    expire.run(at - IDLE_MS);
    insert.run(hashToken(token), id, username, at, at);
    return { token, session: { id, username, createdAt: new Date(at) } };
  }

  return {
    /** Starts a session and returns the cookie token (shown to nobody but the browser). */
    create,

    /** The session a cookie token belongs to, or null when unknown or idle too long. */
    find(token: string | undefined): DemoSession | null {
      if (!token || token.length > 128) return null;
      const key = hashToken(token);
      const row = select.get(key) as
        { id: string; username: string; created_at: number; last_seen_at: number } | undefined;
      if (!row) return null;
      const at = now().getTime();
      if (row.last_seen_at < at - IDLE_MS) {
        remove.run(key);
        return null;
      }
      touch.run(at, key);
      return { id: row.id, username: row.username, createdAt: new Date(row.created_at) };
    },

    /** Ends the session a cookie token belongs to. */
    destroy(token: string | undefined): void {
      if (token) remove.run(hashToken(token));
    },

    /**
     * Replaces a session by a new one for the same user (new token and new id), as is due when
     * the user's privilege changes: after the second factor (S28). The old token stops working.
     */
    rotate(oldId: string, username: string): { token: string; session: DemoSession } {
      return db.transaction(() => {
        removeById.run(oldId);
        return create(username);
      })();
    },
  };
}

/** The session store's type. */
export type SessionStore = ReturnType<typeof createSessionStore>;
