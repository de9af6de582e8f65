/**
 * S85 on the SQLite store: the failure counter in columns of its own, and a file written before
 * those existed (the schema of then, the counter inside the JSON) opened and used as it is.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteStore } from './stores/sqlite.js';
import {
  assertOldRecordKeepsItsCount,
  assertWrongCodeWritesOnlyTheCounter,
  type RawAccess,
} from './test/counter-apart.js';

/** The schema of the SQLite store before S85. */
const OLD_SCHEMA = `
  CREATE TABLE totp_users (user_id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE totp_sessions (session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX totp_sessions_user ON totp_sessions (user_id);
`;

function rawAccess(path: string): RawAccess & { close(): void } {
  const db = new Database(path);
  const columns = () => db.prepare<[], { name: string }>('PRAGMA table_info(totp_users)').all();
  return {
    async data(userId) {
      return (
        db.prepare<[string], { data: string }>('SELECT data FROM totp_users WHERE user_id = ?').get(userId)?.data ??
        null
      );
    },
    async counter(userId) {
      if (!columns().some((column) => column.name === 'failures')) return null;
      const row = db
        .prepare<[string], { failures: number | null; last_failure_at: number | null }>(
          'SELECT failures, last_failure_at FROM totp_users WHERE user_id = ?',
        )
        .get(userId);
      return row && row.failures !== null ? [row.failures, row.last_failure_at] : null;
    },
    async watchData() {
      db.exec(`
        CREATE TABLE IF NOT EXISTS test_data_writes (user_id TEXT);
        CREATE TRIGGER IF NOT EXISTS test_count_data_writes AFTER UPDATE OF data ON totp_users
        BEGIN INSERT INTO test_data_writes VALUES (new.user_id); END;
      `);
    },
    async dataWritten(userId) {
      return db.prepare('SELECT 1 FROM test_data_writes WHERE user_id = ?').get(userId) !== undefined;
    },
    async writeOld(record) {
      db.prepare('INSERT INTO totp_users (user_id, data) VALUES (?, ?)').run(record.userId, JSON.stringify(record));
    },
    close: () => db.close(),
  };
}

describe('sqliteStore keeps the failure counter apart (S85)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'totp-sqlite-counter-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

  it('S85 a wrong code updates the counter columns and leaves the JSON as it was', async () => {
    const path = join(dir, 'new.sqlite');
    const store = sqliteStore(path);
    const raw = rawAccess(path);
    try {
      await assertWrongCodeWritesOnlyTheCounter(store, raw);
    } finally {
      raw.close();
      store.close?.();
    }
  });

  it('S85 S20 a file from before the counter columns gets them, and its rows keep their count: the next wrong code locks', async () => {
    const path = join(dir, 'old.sqlite');
    const setup = new Database(path);
    setup.exec(OLD_SCHEMA);
    setup.close();
    const raw = rawAccess(path);
    try {
      await assertOldRecordKeepsItsCount(raw, async () => sqliteStore(path));
      // A second opening finds the columns there and changes nothing.
      const again = sqliteStore(path);
      assert.equal((await again.getUser('oscar'))?.failures, 5);
      again.close?.();
    } finally {
      raw.close();
    }
  });
});
