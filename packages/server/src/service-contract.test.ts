/**
 * The REST contract v1 through `handle()`: every status and error code, headers, bad input.
 * Runs once per store.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Enrollment, ErrorBody, Status, parseOtpauthUri } from '@totp-gate/core';
import { MAX_BODY_BYTES, createTotpService } from './index.js';
import { STORE_TRANSPORTS, STEP, T0, codeAt, enrolled, makeHarness, wrongCode, type Harness } from './test/harness.js';

for (const [kind, via] of STORE_TRANSPORTS) {
  describe(`REST contract v1 (${kind.name}, through ${via})`, () => {
    let made: ReturnType<typeof kind.make>;
    let h: Harness;
    beforeEach(() => {
      made = kind.make();
      h = makeHarness(made.store, { via });
    });
    afterEach(() => made.cleanup());

    async function snapshot(userId: string, sessionId: string) {
      return JSON.stringify([
        await h.store.getUser(userId),
        await h.store.getSession(sessionId),
        await h.store.listUserIds(),
      ]);
    }

    it('GET /status of a new user: enrollment-required with every contract field', async () => {
      const reply = await h.as('alice').status();
      assert.equal(reply.status, 200);
      assert.ok(Status.safeParse(reply.body).success, JSON.stringify(reply.body));
      assert.equal(reply.body.state, 'enrollment-required');
      assert.equal(reply.body.account, 'alice@example.com');
      assert.equal(reply.body.issuer, 'Acme');
      assert.equal(reply.body.graceEndsAt, null);
      assert.equal(reply.body.lockedUntil, null);
      assert.equal(reply.body.recoveryCodesLeft, null);
      assert.equal(reply.body.serverTime, new Date(T0).toISOString());
      assert.equal(reply.body.digits, 6);
      assert.equal(reply.body.attemptsLeft, 5);
      assert.equal(reply.body.exemption, null);
    });

    it('S5 S25 POST /enrollment: a 160-bit pending secret, the same one again in this session while pending', async () => {
      const alice = h.as('alice');
      const first = await alice.enroll();
      assert.equal(first.status, 200);
      assert.ok(Enrollment.safeParse(first.body).success, JSON.stringify(first.body));
      assert.match(first.body.secret, /^[A-Z2-7]{32}$/);
      assert.deepEqual(
        { ...parseOtpauthUri(first.body.otpauthUri) },
        {
          issuer: 'Acme',
          account: 'alice@example.com',
          secret: first.body.secret,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        },
      );
      assert.equal(first.body.expiresAt, new Date(T0 + 600_000).toISOString());
      h.clock.now += 599_000;
      const again = await alice.enroll();
      assert.equal(again.body.secret, first.body.secret, 'a reload keeps the QR code');
      assert.equal(again.body.expiresAt, first.body.expiresAt, 'a reload does not extend the enrollment');
      const elsewhere = await h.as('alice', 'another-session').enroll();
      assert.notEqual(elsewhere.body.secret, first.body.secret, 'another session never gets it (S42)');
      h.clock.now += 1_000;
      const expired = await alice.enroll();
      assert.notEqual(expired.body.secret, first.body.secret, 'after expiry a new secret is issued');
    });

    it('S25 an abandoned enrollment changes nothing: still enrollment-required and blocked', async () => {
      const alice = h.as('alice');
      await alice.enroll();
      assert.equal((await alice.status()).body.state, 'enrollment-required');
      assert.equal((await alice.guard())?.status, 403);
    });

    it('POST /enrollment/confirm with a right code: verified, 10 recovery codes, session open', async () => {
      const alice = h.as('alice');
      const { body } = await alice.enroll();
      const reply = await alice.confirm(codeAt(body.secret, h.clock.now));
      assert.equal(reply.status, 200);
      assert.equal(reply.body.state, 'verified');
      assert.equal(reply.body.recoveryCodes.length, 10);
      for (const code of reply.body.recoveryCodes) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
      assert.equal(new Set(reply.body.recoveryCodes).size, 10);
      const status = await alice.status();
      assert.equal(status.body.state, 'verified');
      assert.equal(status.body.recoveryCodesLeft, 10);
      assert.equal(await alice.guard(), null);
    });

    it('POST /enrollment/confirm after the pending secret expired: 410 enrollment-expired', async () => {
      const alice = h.as('alice');
      const { body } = await alice.enroll();
      h.clock.now += 600_000;
      const reply = await alice.confirm(codeAt(body.secret, h.clock.now));
      assert.equal(reply.status, 410);
      assert.equal(reply.body.error.code, 'enrollment-expired');
      assert.equal((await alice.status()).body.state, 'enrollment-required');
    });

    it('POST /enrollment/confirm with nothing pending: 410 enrollment-expired', async () => {
      const reply = await h.as('alice').confirm('123456');
      assert.equal(reply.status, 410);
      assert.equal(reply.body.error.code, 'enrollment-expired');
    });

    it('S26 POST /enrollment while a factor is active: 409 already-enrolled, in any session', async () => {
      const { client, secret } = await enrolled(h, 'alice');
      const before = await h.store.getUser('alice');
      assert.equal((await client.enroll()).status, 409);
      const other = await h.as('alice', 'second').enroll();
      assert.equal(other.status, 409);
      assert.equal(other.body.error.code, 'already-enrolled');
      assert.deepEqual(await h.store.getUser('alice'), before);
      assert.ok(!JSON.stringify(other.body).includes(secret));
      assert.equal((await client.confirm(codeAt(secret, h.clock.now + STEP))).status, 409);
    });

    it('POST /verify with a right code in a new session: 200 verified', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const second = h.as('alice', 'second');
      assert.equal((await second.status()).body.state, 'challenge-required');
      const reply = await second.verify(codeAt(secret, h.clock.now));
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { state: 'verified' });
      assert.equal((await second.status()).body.state, 'verified');
    });

    it('POST /verify with a wrong code: 400 invalid-code with attemptsLeft', async () => {
      const { secret } = await enrolled(h, 'alice');
      const reply = await h.as('alice', 'second').verify(wrongCode(secret, h.clock.now));
      assert.equal(reply.status, 400);
      assert.ok(ErrorBody.safeParse(reply.body).success);
      assert.equal(reply.body.error.code, 'invalid-code');
      assert.equal(reply.body.error.attemptsLeft, 4);
      assert.equal(reply.body.error.skewSeconds, undefined);
    });

    it('POST /verify before any enrollment: 400 bad-request, nothing stored', async () => {
      const before = await snapshot('alice', 'alice-session-1');
      const reply = await h.as('alice').verify('123456');
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'bad-request');
      assert.equal(await snapshot('alice', 'alice-session-1'), before);
    });

    it('every route answers 401 unauthenticated without a first-factor session', async () => {
      for (const [method, path] of [
        ['GET', '/status'],
        ['POST', '/enrollment'],
        ['POST', '/enrollment/confirm'],
        ['POST', '/verify'],
        ['POST', '/recovery'],
        ['POST', '/recovery-codes'],
        ['POST', '/defer'],
      ] as const) {
        const init = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : {};
        const reply = await h.request(path, init);
        assert.equal(reply.status, 401, `${method} ${path}`);
        assert.equal(reply.body.error.code, 'unauthenticated');
        assert.equal(reply.headers.get('cache-control'), 'no-store');
      }
      const guard = await h.service.guard(new Request('http://host.test/private'));
      assert.equal(guard?.status, 401);
      assert.equal(guard?.headers.get('cache-control'), 'no-store');
    });

    it('unknown paths: 404; wrong methods: 405 with Allow; both JSON and no-store', async () => {
      const user = { user: 'alice', session: 's1' };
      const missing = await h.request('/nope', user);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not-found');
      assert.equal(missing.headers.get('cache-control'), 'no-store');
      const wrong = await h.request('/verify', user);
      assert.equal(wrong.status, 405);
      assert.equal(wrong.headers.get('allow'), 'POST');
      assert.equal(wrong.headers.get('cache-control'), 'no-store');
      const post = await h.request('/status', {
        ...user,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET');
      assert.equal((await h.request('/verify', { ...user, method: 'PUT' })).status, 405);
    });

    it('S18 every bad input is a clear JSON error and changes nothing in the store', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const auth = { user: 'alice', session: 'second' };
      const json = { 'content-type': 'application/json' };
      const before = await snapshot('alice', 'second');
      const eventsBefore = h.events.length;
      const cases: Array<[string, RequestInit, number, string]> = [
        [
          'text/plain body',
          { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"code":"123456"}' },
          415,
          'unsupported-media-type',
        ],
        ['no content type', { method: 'POST', body: new Uint8Array([123, 125]) }, 415, 'unsupported-media-type'],
        [
          'form body',
          { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=123456' },
          415,
          'unsupported-media-type',
        ],
        ['invalid JSON', { method: 'POST', headers: json, body: '{"code":' }, 400, 'bad-request'],
        ['JSON array body', { method: 'POST', headers: json, body: '["123456"]' }, 400, 'bad-request'],
        ['JSON string body', { method: 'POST', headers: json, body: '"123456"' }, 400, 'bad-request'],
        [
          'oversized body',
          { method: 'POST', headers: json, body: JSON.stringify({ code: '123456', pad: 'x'.repeat(MAX_BODY_BYTES) }) },
          413,
          'bad-request',
        ],
        ['code as number', { method: 'POST', headers: json, body: '{"code":123456}' }, 400, 'bad-request'],
        ['code as array', { method: 'POST', headers: json, body: '{"code":["123456"]}' }, 400, 'bad-request'],
        ['code as object', { method: 'POST', headers: json, body: '{"code":{"a":1}}' }, 400, 'bad-request'],
        ['code null', { method: 'POST', headers: json, body: '{"code":null}' }, 400, 'bad-request'],
        ['code missing', { method: 'POST', headers: json, body: '{}' }, 400, 'bad-request'],
        ['5 digits', { method: 'POST', headers: json, body: '{"code":"12345"}' }, 400, 'bad-request'],
        ['7 digits', { method: 'POST', headers: json, body: '{"code":"1234567"}' }, 400, 'bad-request'],
        ['letters', { method: 'POST', headers: json, body: '{"code":"12ab56"}' }, 400, 'bad-request'],
        [
          'full-width digits',
          { method: 'POST', headers: json, body: JSON.stringify({ code: '１２３４５６' }) },
          400,
          'bad-request',
        ],
        [
          'Arabic-Indic digits',
          { method: 'POST', headers: json, body: JSON.stringify({ code: '١٢٣٤٥٦' }) },
          400,
          'bad-request',
        ],
        ['empty code', { method: 'POST', headers: json, body: '{"code":""}' }, 400, 'bad-request'],
        ['spaces only', { method: 'POST', headers: json, body: '{"code":"   "}' }, 400, 'bad-request'],
        [
          'very long code',
          { method: 'POST', headers: json, body: JSON.stringify({ code: '1'.repeat(100) }) },
          400,
          'bad-request',
        ],
        [
          'invalid UTF-8',
          { method: 'POST', headers: json, body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) },
          400,
          'bad-request',
        ],
      ];
      for (const [name, init, status, code] of cases) {
        for (const path of ['/verify', '/enrollment/confirm', '/recovery', '/recovery-codes']) {
          const reply = await h.request(path, { ...auth, ...init });
          assert.equal(reply.status, status, `${name} at ${path}: ${JSON.stringify(reply.body)}`);
          assert.equal(reply.body.error.code, code, `${name} at ${path}`);
          assert.equal(typeof reply.body.error.message, 'string');
          assert.equal(reply.headers.get('cache-control'), 'no-store');
          assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
        }
      }
      assert.equal(await snapshot('alice', 'second'), before, 'the store is untouched');
      assert.equal(h.events.length, eventsBefore, 'bad input is not a failed attempt');
      // The right code still works afterwards: nothing was counted or consumed.
      assert.equal((await h.as('alice', 'second').verify(codeAt(secret, h.clock.now))).status, 200);
    });

    it('S18 codes typed with spaces or a dash are accepted', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const code = codeAt(secret, h.clock.now);
      const reply = await h.as('alice', 'second').verify(` ${code.slice(0, 3)}-${code.slice(3)} `);
      assert.equal(reply.status, 200);
    });

    it('a JSON content type with parameters is accepted; an empty body counts as {}', async () => {
      const reply = await h.request('/enrollment', {
        method: 'POST',
        user: 'alice',
        session: 's1',
        headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      });
      assert.equal(reply.status, 200);
    });

    it('S34 every answer carries Cache-Control: no-store, the enrollment above all', async () => {
      const alice = h.as('alice');
      const answers = [await alice.status(), await alice.enroll(), await alice.confirm('000000'), await alice.defer()];
      for (const reply of answers) assert.equal(reply.headers.get('cache-control'), 'no-store');
    });

    it('routing ignores query strings and fragments and answers wherever it is mounted', async () => {
      const auth = { 'x-test-user': 'alice', 'x-test-session': 's' };
      for (const url of [
        'http://h.test/api/totp/status?x=/verify',
        'http://h.test/status#frag',
        'http://h.test/a/b/status',
      ]) {
        const response = await h.service.handle(new Request(url, { headers: auth }));
        assert.equal(response.status, 200, url);
      }
      const escaped = await h.service.handle(new Request('http://h.test/api/totp/st%61tus', { headers: auth }));
      assert.equal(escaped.status, 404);
    });

    it('handle() honours basePath when given: other paths are 404', async () => {
      const scoped = makeHarness(made.store, { basePath: '/api/totp/' });
      assert.equal((await scoped.request('/status', { user: 'a', session: 's' })).status, 200);
      const outside = await scoped.service.handle(
        new Request('http://host.test/other/status', { headers: { 'x-test-user': 'a', 'x-test-session': 's' } }),
      );
      assert.equal(outside.status, 404);
    });

    it('an identify() that throws gives a bare 500, reported to onError, never the error text', async () => {
      const errors: unknown[] = [];
      const service = createTotpService({
        store: made.store,
        issuer: 'Acme',
        identify: () => {
          throw new Error('database password is hunter2');
        },
        onError: (e) => errors.push(e),
      });
      const response = await service.handle(new Request('http://host.test/api/totp/status'));
      const text = await response.text();
      assert.equal(response.status, 500);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.ok(!text.includes('hunter2'));
      assert.equal(errors.length, 1);
    });
  });
}
