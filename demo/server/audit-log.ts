/**
 * The demo's audit trail: every event from the TOTP service (and the demo's own sign-in,
 * sign-out and refused-request events) goes to SQLite and to one line on the server console.
 * Only names, times, ids and outcomes are kept: never a secret, a code or a session token.
 */
import type { Database } from 'better-sqlite3';

/** Entries kept per account (older ones are deleted as new ones come, S77). */
export const KEEP_PER_USER = 500;
/** Entries one list answer holds at most. */
export const LIST_LIMIT = 40;

/** One audit entry as the demo keeps and shows it. */
export interface DemoAuditEntry {
  at: string;
  userId: string;
  /** The session's public id (never its cookie token). */
  sessionId: string | null;
  type: string;
  outcome: string;
  /** Short, non-secret facts (attempts left, exemption reason, lock end). */
  detail: string;
}

/** Fields of an event that may be shown; anything else an event carries is dropped. */
const DETAIL_FIELDS = [
  'stage',
  'reason',
  'attemptsLeft',
  'lockedUntil',
  'recoveryCodesLeft',
  'resumed',
  'exemption',
  'graceEndsAt',
  'rotatedTo',
  'path',
  'status',
  // Administrator actions: who acted and why.
  'adminId',
  'adminReason',
];

/** Makes a one-line, non-secret description of an event's extra fields. */
export function describeDetail(event: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of DETAIL_FIELDS) {
    const value = event[key];
    if (value === undefined || value === null) continue;
    let text: string;
    if (value instanceof Date) text = value.toISOString();
    else if (key === 'exemption' && typeof value === 'object') {
      const e = value as { reason?: unknown; expiresAt?: unknown };
      text = `${String(e.reason)} until ${e.expiresAt === null ? 'never' : String(e.expiresAt)}`;
    } else text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    parts.push(`${key}=${text.slice(0, 80)}`);
  }
  return parts.join(' ');
}

/** The audit log on an open better-sqlite3 database. */
export function createAuditLog(db: Database, options: { quiet?: boolean } = {}) {
  db.exec(`CREATE TABLE IF NOT EXISTS demo_audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    session_id TEXT,
    type TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL
  )`);
  db.exec('CREATE INDEX IF NOT EXISTS demo_audit_user ON demo_audit (user_id, seq)');
  const insert = db.prepare(
    'INSERT INTO demo_audit (at, user_id, session_id, type, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // S77: each account keeps its newest KEEP_PER_USER entries; older ones are deleted on insert.
  const prune = db.prepare(
    'DELETE FROM demo_audit WHERE user_id = ? AND seq <= (SELECT seq FROM demo_audit WHERE user_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)',
  );
  const ofSession = db.prepare(
    'SELECT at, user_id AS userId, session_id AS sessionId, type, outcome, detail FROM demo_audit WHERE user_id = ? AND session_id = ? ORDER BY seq DESC LIMIT ?',
  );
  const recent = db.prepare(
    'SELECT at, user_id AS userId, session_id AS sessionId, type, outcome, detail FROM demo_audit WHERE user_id = ? ORDER BY seq DESC LIMIT ?',
  );

  return {
    /** Records an entry and prints it as one line. */
    record(entry: DemoAuditEntry): void {
      db.transaction(() => {
        insert.run(entry.at, entry.userId, entry.sessionId, entry.type, entry.outcome, entry.detail);
        prune.run(entry.userId, entry.userId, KEEP_PER_USER);
      })();
      if (!options.quiet) {
        const session = entry.sessionId ? ` session=${entry.sessionId}` : '';
        const detail = entry.detail ? ` ${entry.detail}` : '';
        console.log(
          `[audit] ${entry.at} ${entry.type} user=${entry.userId}${session} outcome=${entry.outcome}${detail}`,
        );
      }
    },
    /** The newest entries of one user, newest first. */
    forUser(userId: string, limit = LIST_LIMIT): DemoAuditEntry[] {
      return recent.all(userId, Math.min(limit, LIST_LIMIT)) as DemoAuditEntry[];
    },
    /** The newest entries one session of a user wrote, newest first (what a password-only session sees). */
    forSession(userId: string, sessionId: string, limit = LIST_LIMIT): DemoAuditEntry[] {
      return ofSession.all(userId, sessionId, Math.min(limit, LIST_LIMIT)) as DemoAuditEntry[];
    },
  };
}

/** The audit log's type. */
export type AuditLog = ReturnType<typeof createAuditLog>;
