/**
 * The floor: the least a server can do for a wrong TOTP code over HTTP. Plain node:http, the JSON
 * body read and parsed, the session from a cookie, and one SQLite transaction that reads the key,
 * computes the three HMAC-SHA1 of window 1 with a constant-time comparison and counts the failure,
 * or, for a right code, refuses a step already used and records the new one (replay protection).
 * No policy, no lockout, no encryption at rest, no audit: nothing TOTP Gate must also do is here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import { serveForBench, sessionOf } from '../child.js';
import { T1 } from '../fixture.js';

const db = new Database(process.argv[2]!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const select = db.prepare<[string], { key: Buffer; failures: number; last_step: number | null }>(
  'SELECT key, failures, last_step FROM bench_users WHERE id = ?',
);
const count = db.prepare<[number, string]>(
  'UPDATE bench_users SET failures = failures + 1, last_failure = ? WHERE id = ?',
);
const used = db.prepare<[number, string]>('UPDATE bench_users SET failures = 0, last_step = ? WHERE id = ?');
const message = Buffer.alloc(8);

/** The step of window 1 whose code `code` is, or null. */
function matches(key: Buffer, code: string): number | null {
  const given = Buffer.from(code.padStart(6, '0').slice(0, 6), 'latin1');
  const step = Math.floor(T1 / 30_000);
  let found: number | null = null;
  for (let delta = -1; delta <= 1; delta++) {
    message.writeUInt32BE(0, 0);
    message.writeUInt32BE(step + delta, 4);
    const mac = createHmac('sha1', key).update(message).digest();
    const o = mac[19]! & 0x0f;
    const value = (((mac[o]! & 0x7f) << 24) | (mac[o + 1]! << 16) | (mac[o + 2]! << 8) | mac[o + 3]!) % 1_000_000;
    if (timingSafeEqual(Buffer.from(String(value).padStart(6, '0'), 'latin1'), given)) found ??= step + delta;
  }
  return found;
}

const check = db.transaction((userId: string, code: string) => {
  const row = select.get(userId);
  if (!row) return null;
  const step = matches(row.key, code);
  if (step !== null && (row.last_step === null || step > row.last_step)) {
    used.run(step, userId);
    return true;
  }
  count.run(T1, userId);
  return false;
});

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

serveForBench(
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const sid = sessionOf(req.headers.cookie);
      if (req.method !== 'POST' || req.url !== '/api/totp/verify' || sid === null) {
        return send(res, 404, { error: { code: 'not-found', message: 'No such endpoint.' } });
      }
      let code: unknown;
      try {
        code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: unknown }).code;
      } catch {
        return send(res, 400, { error: { code: 'bad-request', message: 'Not JSON.' } });
      }
      const ok = typeof code === 'string' ? check.immediate(`user-${sid}`, code) : null;
      if (ok === null) return send(res, 400, { error: { code: 'bad-request', message: 'No such user or code.' } });
      if (ok) return send(res, 200, { state: 'verified' });
      send(res, 400, { error: { code: 'invalid-code', message: 'The code is not valid.' } });
    });
  }),
);
