/**
 * Over real HTTP, as an attacker who knows a password: every route of the demo's route table
 * either answers 403 before TOTP or is listed with the reason it answers (S23), the audit list
 * shows a password-only session nothing but its own entries, and sign-in is throttled per
 * account and per client address (S76) with what a failed sign-in writes capped (S77). Clients
 * are played by source addresses 127.0.0.N, which reach the demo's localhost port.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { totp } from '@totp-gate/core/otp';
import { createAuditLog, KEEP_PER_USER, LIST_LIMIT } from '../server/audit-log.js';
import { DEMO_ROUTES } from '../server/routes.js';
import { startDemo, tempDatabase, type Demo } from './harness.js';
import { cookieOf, passwordSession, rawRequest, type RawAnswer } from './raw-http.js';

type ErrorBody = { error: { code: string; retryAfter?: number } };
type AuditBody = { scope: string; events: { type: string; sessionId: string | null }[] };

describe('demo routes before TOTP, sign-in throttling', () => {
  const db = tempDatabase();
  let demo: Demo;

  before(async () => {
    demo = await startDemo(db.path);
  });

  after(async () => {
    await demo?.stop();
    db.remove();
  });

  const login = (username: string, password: string, from?: string, headers: Record<string, string> = {}) =>
    rawRequest(demo.url, {
      method: 'POST',
      path: '/api/login',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
      from,
    });
  const post = (path: string, cookie: string, body: unknown) =>
    rawRequest(demo.url, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });

  it('S23 every route of the demo route table answers 403 before TOTP unless the table says why it answers', async () => {
    // alice enrolls in one session; the attacker then holds only her password.
    const first = await passwordSession(demo.url, 'alice');
    const started = await post('/api/totp/enrollment', first, {});
    const secret = (started.json as { secret: string }).secret;
    assert.match(secret, /^[A-Z2-7]+$/);
    const confirmed = await post('/api/totp/enrollment/confirm', first, { code: totp(secret, Date.now()) });
    assert.equal(confirmed.status, 200, confirmed.text);
    const verifiedCookie = cookieOf(confirmed);

    const guarded = DEMO_ROUTES.filter((r) => !('beforeTotp' in r));
    assert.ok(guarded.length > 0 && DEMO_ROUTES.length >= 6, 'the table lists the routes');
    for (const route of DEMO_ROUTES) {
      assert.ok(route.path.startsWith('/api/'), route.path);
      // A new password-only session per route (the sign-out route ends the one it is given).
      const attacker = await passwordSession(demo.url, 'alice');
      if ('mount' in route) {
        // The TOTP contract: the library's own S12/S23 tests cover each of its routes; here, a
        // path under the mount that is no route is still a JSON 404.
        const answer = await rawRequest(demo.url, {
          path: `${route.path}no-such-route`,
          headers: { cookie: attacker },
        });
        assert.equal(answer.status, 404, answer.text);
        continue;
      }
      for (const method of route.methods) {
        const answer: RawAnswer =
          method === 'GET'
            ? await rawRequest(demo.url, { path: route.path, headers: { cookie: attacker } })
            : await post(route.path, attacker, {});
        if ('beforeTotp' in route) {
          assert.notEqual(answer.status, 403, `${method} ${route.path} answers before TOTP: ${route.beforeTotp}`);
          assert.ok(route.beforeTotp.length > 20, `${route.path} says why it answers before TOTP`);
        } else {
          assert.equal(answer.status, 403, `${method} ${route.path} must need TOTP: ${answer.text}`);
          assert.equal((answer.json as ErrorBody).error.code, 'totp-required');
          const open = await rawRequest(demo.url, { path: route.path, headers: { cookie: verifiedCookie } });
          if ('adminOnly' in route) {
            // alice is staff: past TOTP, an administrator's route still refuses her.
            assert.equal(open.status, 403, `${route.path} is an administrator's only`);
            assert.equal((open.json as ErrorBody).error.code, 'forbidden');
          } else assert.equal(open.status, 200, `${route.path} opens after TOTP`);
        }
      }
      // Methods the table does not list get a JSON 405.
      const other = await rawRequest(demo.url, { method: 'DELETE', path: route.path, headers: { cookie: attacker } });
      assert.equal(other.status, 405, `DELETE ${route.path}`);
    }
    // The audit list: before TOTP, only what this very session did; the account's history
    // (the enrollment, the other session) only with TOTP.
    const spy = await passwordSession(demo.url, 'alice');
    const before = await rawRequest(demo.url, { path: '/api/audit', headers: { cookie: spy } });
    const seen = before.json as AuditBody;
    assert.equal(seen.scope, 'session');
    assert.ok(seen.events.length >= 1, before.text);
    const ids = new Set(seen.events.map((e) => e.sessionId));
    assert.equal(ids.size, 1, 'one session only');
    assert.ok(!seen.events.some((e) => e.type.startsWith('enrollment')), 'no history before TOTP');
    const full = (await rawRequest(demo.url, { path: '/api/audit', headers: { cookie: verifiedCookie } }))
      .json as AuditBody;
    assert.equal(full.scope, 'account');
    assert.ok(
      full.events.some((e) => e.type === 'enrollment-confirmed'),
      'the history after TOTP',
    );
  });

  it('S76 brute force on one account from many addresses and spraying from one address both get 429 with Retry-After', async () => {
    // Brute force on bob, each guess from another address: the account's limit (10) holds.
    for (let i = 0; i < 10; i++) {
      const answer = await login('bob', `guess-${i}`, `127.0.0.${10 + i}`);
      assert.equal(answer.status, 401, `guess ${i}: ${answer.text}`);
    }
    // The right password now changes nothing: the answer says nothing about it.
    const blocked = await login('bob', 'demo', '127.0.0.30');
    assert.equal(blocked.status, 429, blocked.text);
    const wait = Number(blocked.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 20, `Retry-After ${wait} (the test configuration's 20-second window)`);
    assert.equal((blocked.json as ErrorBody).error.code, 'too-many-attempts');
    assert.equal((blocked.json as ErrorBody).error.retryAfter, wait);
    assert.match(String(blocked.headers['content-type']), /^application\/json/);
    assert.equal((await login('bob', 'wrong', '127.0.0.31')).status, 429);

    // Spraying from one address: 20 failures across accounts and made-up names block it.
    const names = ['carol', 'erin', 'root', 'dave', ...Array.from({ length: 16 }, (_, i) => `user${i}`)];
    for (const name of names) assert.equal((await login(name, 'Winter2026!', '127.0.0.40')).status, 401, name);
    const sprayed = await login('erin', 'demo', '127.0.0.40');
    assert.equal(sprayed.status, 429, sprayed.text);
    assert.ok(Number(sprayed.headers['retry-after']) >= 1);
    // A forged X-Forwarded-For does not make it another client; another address is not blocked.
    assert.equal((await login('erin', 'demo', '127.0.0.40', { 'x-forwarded-for': '203.0.113.9' })).status, 429);
    assert.equal((await login('erin', 'demo', '127.0.0.41')).status, 200);

    // When the window has passed, bob's right password works again. A blocked attempt is not
    // counted, so asking once more tells how long is left.
    const left = await login('bob', 'demo', '127.0.0.30');
    assert.equal(left.status, 429, left.text);
    await new Promise((r) => setTimeout(r, Number(left.headers['retry-after']) * 1000 + 100));
    assert.equal((await login('bob', 'demo', '127.0.0.30')).status, 200);
  });

  it('S77 a failed sign-in writes one audit row at most, blocked attempts and unknown names none, and the log is capped', async () => {
    const file = new Database(demo.dbPath, { readonly: true });
    const count = (user: string, type: string) =>
      (
        file.prepare('SELECT COUNT(*) AS n FROM demo_audit WHERE user_id = ? AND type = ?').get(user, type) as {
          n: number;
        }
      ).n;
    try {
      // From the brute force above: 10 counted failures, one throttle row, nothing for the 429s.
      assert.equal(count('bob', 'password-failed'), 10);
      assert.equal(count('bob', 'sign-in-throttled'), 1);
      assert.equal(count('user3', 'password-failed'), 0, 'unknown names write nothing');
      const users = file.prepare('SELECT DISTINCT user_id AS u FROM demo_audit').all() as { u: string }[];
      assert.ok(!users.some((r) => r.u.startsWith('user')), 'no row per made-up name');
    } finally {
      file.close();
    }

    // The table keeps the newest KEEP_PER_USER rows per account; a list holds LIST_LIMIT at most.
    const memory = new Database(':memory:');
    const log = createAuditLog(memory, { quiet: true });
    const at = new Date().toISOString();
    for (let i = 0; i < KEEP_PER_USER + 50; i++) {
      log.record({
        at,
        userId: 'mallory',
        sessionId: null,
        type: 'password-failed',
        outcome: 'failure',
        detail: `n=${i}`,
      });
    }
    log.record({ at, userId: 'alice', sessionId: 's', type: 'signed-out', outcome: 'success', detail: '' });
    const rows = memory.prepare("SELECT detail FROM demo_audit WHERE user_id = 'mallory' ORDER BY seq").all() as {
      detail: string;
    }[];
    assert.equal(rows.length, KEEP_PER_USER);
    assert.equal(rows[0]!.detail, 'n=50', 'the oldest went first');
    assert.equal(log.forUser('mallory', 10_000).length, LIST_LIMIT);
    assert.equal(log.forUser('alice').length, 1, "another account's rows stay");
    memory.close();
  });
});
