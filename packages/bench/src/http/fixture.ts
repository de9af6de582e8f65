/**
 * The users every benchmarked server knows, the same for all: enrolled through TOTP Gate's own
 * actions into a SQLite file (secrets sealed with AES-256-GCM, hashed recovery codes), the same
 * secrets written to a plain table for the floor and the express + otplib peer, and for each user
 * a code that is wrong at the bench's instant. The clock is fixed (`T1`) in every server, so a
 * wrong code stays wrong for the whole run and every check costs the same three HMACs.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeBase32 } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, sqliteStore, type Identity } from '@totp-gate/server';

/** Enrollment happens at T0; the bench verifies at T1, two steps later. */
export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const T1 = T0 + 60_000;

/** Where the servers find their users; passed to each child as JSON in argv. */
export interface Fixture {
  users: number;
  /** TOTP Gate's SQLite file (copy it per server: the failure counts grow). */
  totpGateDb: string;
  /** The floor's and the peer's table: id, decoded key, base32 secret, failure count. */
  plainDb: string;
  /** Hex, 32 bytes. */
  encryptionKey: string;
  /** A wrong code per user, index = user number. */
  wrong: string[];
}

/** The bench's stand-in for a host's session lookup: cookie `sid=<n>` is user n. */
export function identityOf(sid: string): Identity {
  return { userId: `user-${sid}`, sessionId: `session-${sid}`, account: `user${sid}@example.com` };
}

export async function makeFixture(dir: string, users: number, log: (line: string) => void): Promise<Fixture> {
  const encryptionKey = randomBytes(32);
  const totpGateDb = join(dir, 'totp-gate.sqlite');
  const store = sqliteStore(totpGateDb);
  const service = createTotpService({
    store,
    issuer: 'Bench',
    identify: () => null,
    now: () => T0,
    encryptionKey,
  });
  const plainDb = join(dir, 'plain.sqlite');
  const plain = new Database(plainDb);
  plain.pragma('journal_mode = WAL');
  plain.exec(
    'CREATE TABLE bench_users (id TEXT PRIMARY KEY, key BLOB NOT NULL, secret TEXT NOT NULL, failures INTEGER NOT NULL, last_failure INTEGER)',
  );
  const insert = plain.prepare('INSERT INTO bench_users VALUES (?, ?, ?, 0, NULL)');
  const wrong: string[] = [];
  const rows: [string, Buffer, string][] = [];
  for (let i = 0; i < users; i++) {
    const user = identityOf(String(i));
    const started = (await service.actions.startEnrollment(user)).body as { secret: string };
    const key = decodeBase32(started.secret);
    const confirmed = await service.actions.confirmEnrollment(user, { code: totp(key, T0) });
    if (confirmed.status !== 200) throw new Error(`enrollment failed: ${JSON.stringify(confirmed.body)}`);
    const valid = new Set([-1, 0, 1].map((d) => totp(key, T1 + d * 30_000)));
    let n = (i * 7_919 + 123_457) % 1_000_000;
    while (valid.has(String(n).padStart(6, '0'))) n = (n + 1) % 1_000_000;
    wrong.push(String(n).padStart(6, '0'));
    rows.push([user.userId, Buffer.from(key), started.secret]);
    if ((i + 1) % 5000 === 0) log(`enrolled ${i + 1} / ${users} users`);
  }
  plain.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  plain.close();
  store.close?.();
  return { users, totpGateDb, plainDb, encryptionKey: encryptionKey.toString('hex'), wrong };
}
