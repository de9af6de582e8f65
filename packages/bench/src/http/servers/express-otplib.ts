/**
 * A typical hand-rolled verify endpoint: Express with `express.json()`, otplib's `verifySync` on
 * the stored base32 secret (window 1), and the same SQLite failure counter as the floor, in one
 * transaction per check.
 */
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import express from 'express';
import { verifySync } from 'otplib';
import { serveForBench, sessionOf } from '../child.js';
import { T1 } from '../fixture.js';

const db = new Database(process.argv[2]!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const select = db.prepare<[string], { secret: string; failures: number }>(
  'SELECT secret, failures FROM bench_users WHERE id = ?',
);
const count = db.prepare<[number, string]>(
  'UPDATE bench_users SET failures = failures + 1, last_failure = ? WHERE id = ?',
);

const check = db.transaction((userId: string, code: string) => {
  const row = select.get(userId);
  if (!row) return null;
  if (verifySync({ secret: row.secret, token: code, epoch: T1 / 1000, epochTolerance: 30 }).valid) return true;
  count.run(T1, userId);
  return false;
});

const app = express();
app.use(express.json({ limit: '4kb' }));
app.post('/api/totp/verify', (req, res) => {
  res.set('cache-control', 'no-store');
  const sid = sessionOf(req.headers.cookie);
  const code = (req.body as { code?: unknown } | undefined)?.code;
  if (sid === null) return void res.status(401).json({ error: { code: 'unauthenticated', message: 'Sign in first.' } });
  const ok = typeof code === 'string' ? check.immediate(`user-${sid}`, code) : null;
  if (ok === null) return void res.status(400).json({ error: { code: 'bad-request', message: 'No user or code.' } });
  if (ok) return void res.json({ state: 'verified' });
  res.status(400).json({ error: { code: 'invalid-code', message: 'The code is not valid.' } });
});

serveForBench(createServer(app));
