/**
 * The users every benchmarked server knows, the same for all: enrolled through TOTP Gate's own
 * actions into a SQLite file (secrets sealed with AES-256-GCM, hashed recovery codes), the same
 * secrets written to a plain table for the floor and the express + otplib peer, and for each user
 * a code that is wrong at the bench's instant and the one that is right then. The clock is fixed
 * (`T1`) in every server, so a wrong code stays wrong for the whole run and every check costs the
 * same three HMACs; a right code is accepted once per user (then it is a replay).
 *
 * `copyInto` loads TOTP Gate's users and sessions from that file into another store (PostgreSQL,
 * Redis) through the store interface, so every store row serves the same records.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeBase32 } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, sqliteStore, type Identity, type TotpStore } from '@totp-gate/server';

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
  /** The code that is right at `T1`, per user. */
  right: string[];
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
    'CREATE TABLE bench_users (id TEXT PRIMARY KEY, key BLOB NOT NULL, secret TEXT NOT NULL, failures INTEGER NOT NULL, last_failure INTEGER, last_step INTEGER)',
  );
  const insert = plain.prepare('INSERT INTO bench_users VALUES (?, ?, ?, 0, NULL, NULL)');
  const wrong: string[] = [];
  const right: string[] = [];
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
    right.push(totp(key, T1));
    rows.push([user.userId, Buffer.from(key), started.secret]);
    if ((i + 1) % 5000 === 0) log(`enrolled ${i + 1} / ${users} users`);
  }
  plain.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  plain.close();
  store.close?.();
  return { users, totpGateDb, plainDb, encryptionKey: encryptionKey.toString('hex'), wrong, right };
}

/** Copies every user record of the fixture's SQLite file, and each user's session, into `target`. */
export async function copyInto(fixture: Fixture, target: TotpStore): Promise<void> {
  const source = sqliteStore(fixture.totpGateDb);
  try {
    const ids = await source.listUserIds();
    const PARALLEL = 16;
    for (let i = 0; i < ids.length; i += PARALLEL) {
      await Promise.all(
        ids.slice(i, i + PARALLEL).map(async (userId) => {
          const record = await source.getUser(userId);
          if (record) await target.updateUser(userId, () => ({ next: record, result: undefined }));
          const session = await source.getSession(userId.replace(/^user-/, 'session-'));
          if (session) await target.putSession(session);
        }),
      );
    }
  } finally {
    await source.close?.();
  }
}
