/**
 * The admin API suite (S60–S66), run against each store: memory and SQLite in
 * `admin-api.test.ts`, PostgreSQL and Redis (real servers) in `admin-shared-stores.test.ts`.
 * Requests go through `createTotpAdmin(...).handle` and, where it matters, over real HTTP
 * through its `node` handler.
 *
 * One file past 300 lines because it is one suite written once for four stores: split by store it
 * would be written four times, and split by topic its shared harness would travel with each part.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_ROUTES } from '../admin/routes.js';
import { createTotpAdmin, type TotpAdminMount, type TotpStore } from '../index.js';
import { codeAt, enrolled, makeHarness, STEP, wrongCode, type Harness, type Reply } from './harness.js';

/** A store for one test and how to clean up after it. */
export type MakeStore = () => Promise<{ store: TotpStore; cleanup(): void | Promise<void> }>;

/** The test functions of node:test. */
export interface Runner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

/** A harness with the admin mount: `x-admin: <id>` marks an administrator's request. */
export interface AdminHarness extends Harness {
  mount: TotpAdminMount;
  call(
    method: string,
    path: string,
    init?: { body?: unknown; admin?: string | null; raw?: string; type?: string },
  ): Promise<Reply>;
  /** Every admin answer body, as text. */
  adminBodies: string[];
}

export function adminHarness(store: TotpStore, policy: Parameters<typeof makeHarness>[1] = {}): AdminHarness {
  const h = makeHarness(store, policy);
  // Redis expires session records at their expiresAt by its own clock (PXAT): a service clock
  // behind real time would see its fresh records vanish. Start no earlier than now.
  h.clock.now = Math.max(h.clock.now, Date.now());
  const adminBodies: string[] = [];
  const mount = createTotpAdmin({
    service: h.service,
    basePath: '/api/totp-admin',
    authorize: (request) => {
      const id = request.headers.get('x-admin');
      return id ? { adminId: id } : null;
    },
    facts: (ids) => new Map(ids.filter((id) => h.facts.has(id)).map((id) => [id, h.facts.get(id)!])),
  });
  async function call(
    method: string,
    path: string,
    init: { body?: unknown; admin?: string | null; raw?: string; type?: string } = {},
  ) {
    const headers = new Headers();
    const admin = init.admin === undefined ? 'carol' : init.admin;
    if (admin !== null) headers.set('x-admin', admin);
    const hasBody = init.body !== undefined || init.raw !== undefined;
    if (hasBody) headers.set('content-type', init.type ?? 'application/json');
    const response = await mount.handle(
      new Request(`http://host.test/api/totp-admin${path}`, {
        method,
        headers,
        body: hasBody ? (init.raw ?? JSON.stringify(init.body)) : undefined,
      }),
    );
    const text = await response.text();
    adminBodies.push(text);
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }
  return { ...h, mount, call, adminBodies };
}

/** Every route of the mount with a concrete path. */
const EVERY_ROUTE = ADMIN_ROUTES.map((route) => ({
  method: route.method,
  path: route.path.replace(':userId', 'alice'),
}));

export function runAdminSuite(name: string, makeStore: MakeStore, { describe, it }: Runner): void {
  const test = (title: string, body: (store: TotpStore) => Promise<void>) =>
    it(title, async () => {
      const { store, cleanup } = await makeStore();
      try {
        await body(store);
      } finally {
        await cleanup();
      }
    });

  describe(`admin API over ${name}`, () => {
    test('S60 the list pages through every user in the store order, with each standing, and filters by standing and role', async (store) => {
      const a = adminHarness(store, { policy: { gracePeriodSeconds: 7 * 86_400, lockout: { threshold: 3 } } });
      a.facts.set('dave', { roles: ['contractor'], requiredSince: new Date(a.clock.now), account: 'dave@acme.test' });
      a.facts.set('erin', { roles: ['contractor'], requiredSince: new Date(a.clock.now) });
      const alice = await enrolled(a, 'alice');
      await alice.client.verify(codeAt(alice.secret, a.clock.now + STEP));
      const bob = await enrolled(a, 'bob');
      for (let i = 0; i < 3; i++) await bob.client.verify(wrongCode(bob.secret, a.clock.now));
      // A user is listed once TOTP Gate has a record of them: here, from a started enrollment.
      await a.as('dave').enroll();
      assert.equal((await a.as('erin').defer()).status, 200);
      await a.as('frank').enroll();
      const users = new Map<string, any>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const reply: Reply = await a.call('GET', `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.equal(reply.headers.get('cache-control'), 'no-store');
        assert.ok(reply.body.users.length <= 2);
        for (const user of reply.body.users) users.set(user.userId, user);
        cursor = reply.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);
      assert.deepEqual([...users.keys()], await store.listUserIds());
      assert.deepEqual([...users.keys()].sort(), ['alice', 'bob', 'dave', 'erin', 'frank']);
      const standing = Object.fromEntries([...users].map(([id, user]) => [id, user.standing]));
      assert.deepEqual(standing, {
        alice: 'enrolled',
        bob: 'locked',
        dave: 'in-grace',
        erin: 'deferred',
        frank: 'must-enroll',
      });
      assert.equal(users.get('alice').authenticators, 1);
      assert.equal(users.get('alice').lastSignInAt, new Date(a.clock.now).toISOString());
      assert.equal(users.get('bob').lockedUntil !== null && !users.get('bob').hardLocked, true);
      assert.equal(users.get('dave').graceEndsAt, new Date(a.clock.now + 7 * 86_400_000).toISOString());
      assert.equal(users.get('dave').account, 'dave@acme.test');
      assert.equal(users.get('erin').deferredAt, new Date(a.clock.now).toISOString());
      const filtered = await a.call('GET', '/users?standing=in-grace,deferred&role=contractor');
      assert.deepEqual(
        filtered.body.users.map((user: { userId: string }) => user.userId),
        ['dave', 'erin'],
      );
      assert.deepEqual(
        (await a.call('GET', '/users?search=DAVE@')).body.users.map((u: any) => u.userId),
        ['dave'],
      );
      assert.deepEqual(
        (await a.service.admin.list({ standing: 'locked' })).users.map((u) => u.userId),
        ['bob'],
      );
      for (const bad of ['standing=asleep', 'limit=0', 'limit=501', 'limit=x', 'cursor=%%%', 'cursor=bm9wZQ']) {
        const reply = await a.call('GET', `/users?${bad}`);
        if (bad === 'cursor=bm9wZQ')
          assert.equal(reply.status, 200, 'a well-formed cursor of a deleted user goes on after it');
        else assert.equal(reply.status, 400, bad);
      }
    });

    test('S61 a request that authorize does not name an administrator gets 403 from every admin route, and changes nothing', async (store) => {
      const a = adminHarness(store);
      const { secret } = await enrolled(a, 'alice');
      const before = JSON.stringify(await store.getUser('alice'));
      for (const { method, path } of EVERY_ROUTE) {
        const reply = await a.call(method, path, {
          admin: null,
          body:
            method === 'GET' ? undefined : { reason: 'x', expiresAt: new Date(a.clock.now + 86_400_000).toISOString() },
        });
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.equal(reply.body.error.code, 'forbidden');
      }
      assert.equal(JSON.stringify(await store.getUser('alice')), before);
      assert.equal(a.events.filter((event) => event.type.startsWith('admin-')).length, 0);
      assert.ok(secret);
    });

    test('S62 a reset, unlock or exemption without a reason, or an exemption without a valid end, is a 400 that names it and changes nothing', async (store) => {
      const a = adminHarness(store);
      await enrolled(a, 'alice');
      const before = JSON.stringify(await store.getUser('alice'));
      const soon = new Date(a.clock.now + 86_400_000).toISOString();
      const cases: [string, string, unknown, RegExp][] = [
        ['POST', '/users/alice/reset', {}, /reason is required/],
        ['POST', '/users/alice/reset', { reason: '   ' }, /reason is required/],
        ['POST', '/users/alice/unlock', { reason: 7 }, /reason must be text/],
        ['POST', '/users/alice/unlock', { reason: 'a\nb' }, /one line/],
        ['POST', '/users/alice/reset', { reason: 'x'.repeat(501) }, /longer than 500/],
        ['PUT', '/users/alice/exemption', { expiresAt: soon }, /reason is required/],
        ['PUT', '/users/alice/exemption', { reason: 'travel' }, /needs an end/],
        ['PUT', '/users/alice/exemption', { reason: 'travel', expiresAt: 'next week' }, /ISO 8601/],
        [
          'PUT',
          '/users/alice/exemption',
          { reason: 'travel', expiresAt: new Date(a.clock.now - 1000).toISOString() },
          /future/,
        ],
        ['PUT', '/users/alice/exemption', { reason: 'travel', expiresAt: '2099-01-01T00:00:00Z' }, /366 days/],
        ['DELETE', '/users/alice/exemption', {}, /reason is required/],
      ];
      for (const [method, path, body, message] of cases) {
        const reply = await a.call(method, path, { body });
        assert.equal(reply.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
        assert.equal(reply.body.error.code, 'bad-request');
        assert.match(reply.body.error.message, message);
      }
      assert.equal((await a.call('POST', '/users/alice/reset', { raw: 'reason=x', type: 'text/plain' })).status, 415);
      assert.equal((await a.call('POST', '/users/alice/reset', { raw: '{"reason":' })).status, 400);
      await assert.rejects(a.service.admin.reset('alice', { reason: 'lost phone' } as never), /adminId/);
      assert.equal(JSON.stringify(await store.getUser('alice')), before);
      assert.equal(a.events.filter((event) => event.type.startsWith('admin-')).length, 0);
    });

    test('S63 an unknown user is a 404 for the detail, reset, unlock and exemptions; a bad path is a JSON 404 or 405', async (store) => {
      const a = adminHarness(store);
      const soon = new Date(a.clock.now + 86_400_000).toISOString();
      for (const { method, path } of EVERY_ROUTE.filter((route) => route.path.includes('alice'))) {
        const reply = await a.call(method, path.replace('alice', 'nobody'), {
          body: method === 'GET' ? undefined : { reason: 'ticket 1', expiresAt: soon },
        });
        assert.equal(reply.status, 404, `${method} ${path}`);
        assert.equal(reply.body.error.code, 'unknown-user');
      }
      assert.equal(await store.getUser('nobody'), null, 'nothing was created for the unknown user');
      // A user the host knows but TOTP Gate has not seen yet may be exempted before their first sign-in.
      a.facts.set('newbie', { roles: ['staff'] });
      const granted = await a.call('PUT', '/users/newbie/exemption', {
        body: { reason: 'starts Monday', expiresAt: soon },
      });
      assert.equal(granted.status, 200);
      assert.equal(granted.body.standing, 'exempt');
      assert.equal((await a.call('GET', '/users/no%ZZ')).status, 400);
      const missing = await a.call('GET', '/nothing');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not-found');
      const wrongMethod = await a.call('PATCH', '/users/alice/reset', { body: {} });
      assert.equal(wrongMethod.status, 405);
      assert.equal(wrongMethod.headers.get('allow'), 'POST');
    });

    test('S65 a reset forces re-enrollment: factors, recovery codes and verified sessions are gone, the old code is refused, the audit names the administrator and the reason', async (store) => {
      const a = adminHarness(store);
      const { client, secret, recoveryCodes } = await enrolled(a, 'alice');
      assert.equal(await client.guard(), null, 'verified before the reset');
      const reply = await a.call('POST', '/users/alice/reset', { body: { reason: 'lost phone, ticket 4711' } });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.standing, 'must-enroll');
      assert.equal(reply.body.authenticators, 0);
      assert.equal(reply.body.recoveryCodesLeft, 0);
      assert.equal((await client.guard())?.status, 403, 'the verified session is revoked');
      assert.equal((await client.status()).body.state, 'enrollment-required');
      a.clock.now += STEP;
      assert.notEqual((await client.verify(codeAt(secret, a.clock.now))).status, 200);
      assert.notEqual((await client.recovery(recoveryCodes[0])).status, 200);
      const event = a.events.find((e) => e.type === 'admin-reset')!;
      assert.equal(event.adminId, 'carol');
      assert.equal(event.adminReason, 'lost phone, ticket 4711');
      assert.equal(event.sessionId, null);
      const again = await enrolled(a, 'alice', 'alice-session-2');
      assert.ok(again.secret !== secret, 'enrolling again gives a new secret');
    });

    test('S66 unlock clears a hard lock; an exemption lets the user in until its end, is changed and revoked, each audited with the administrator', async (store) => {
      const a = adminHarness(store, { policy: { lockout: { threshold: 3, hardLimit: 3 } } });
      const { client, secret } = await enrolled(a, 'alice');
      const other = a.as('alice', 'alice-session-2');
      for (let i = 0; i < 3; i++) await other.verify(wrongCode(secret, a.clock.now));
      assert.equal((await a.call('GET', '/users/alice')).body.hardLocked, true);
      const unlocked = await a.call('POST', '/users/alice/unlock', { body: { reason: 'verified by phone' } });
      assert.equal(unlocked.body.standing, 'enrolled');
      assert.equal(unlocked.body.failures, 0);
      a.clock.now += STEP;
      assert.equal((await other.verify(codeAt(secret, a.clock.now))).status, 200, 'the factor survived the unlock');

      const bob = a.as('bob');
      a.facts.set('bob', { roles: ['staff'] }); // known to the host, not yet to TOTP Gate
      const day = new Date(a.clock.now + 86_400_000).toISOString();
      const granted = await a.call('PUT', '/users/bob/exemption', {
        body: { reason: 'phone in repair', expiresAt: day },
      });
      assert.equal(granted.status, 200);
      assert.deepEqual(granted.body.exemption, {
        reason: 'phone in repair',
        expiresAt: day,
        source: 'admin',
        grantedBy: 'carol',
        grantedAt: new Date(a.clock.now).toISOString(),
      });
      assert.equal(await bob.guard(), null, 'the exemption lets bob in');
      assert.equal((await bob.status()).body.exemption.reason, 'phone in repair');
      const twoDays = new Date(a.clock.now + 2 * 86_400_000).toISOString();
      await a.call('PUT', '/users/bob/exemption', {
        body: { reason: 'repair takes longer', expiresAt: twoDays },
        admin: 'dan',
      });
      a.clock.now += 86_400_000 + 1000;
      assert.equal(await a.as('bob', 'bob-2').guard(), null, 'the changed end counts');
      const revoked = await a.call('DELETE', '/users/bob/exemption', { body: { reason: 'phone is back' } });
      assert.equal(revoked.body.standing, 'must-enroll');
      assert.equal((await a.as('bob', 'bob-3').guard())?.status, 403);
      assert.equal((await a.call('DELETE', '/users/bob/exemption', { body: { reason: 'again' } })).status, 409);
      const types = a.events.filter((e) => e.type.startsWith('admin-')).map((e) => [e.type, e.adminId, e.adminReason]);
      assert.deepEqual(types, [
        ['admin-unlock', 'carol', 'verified by phone'],
        ['admin-exemption-granted', 'carol', 'phone in repair'],
        ['admin-exemption-changed', 'dan', 'repair takes longer'],
        ['admin-exemption-revoked', 'carol', 'phone is back'],
      ]);
      // An exemption that runs out by itself ends at its end (S31), without anyone revoking it.
      await a.call('PUT', '/users/bob/exemption', {
        body: { reason: 'short', expiresAt: new Date(a.clock.now + 60_000).toISOString() },
      });
      assert.equal(await a.as('bob', 'bob-4').guard(), null);
      a.clock.now += 60_000;
      assert.equal((await a.as('bob', 'bob-5').guard())?.status, 403);
      assert.ok(client);
    });

    test('S64 no admin answer and no admin audit event holds a secret, a code or a recovery code', async (store) => {
      const a = adminHarness(store);
      const { secret, recoveryCodes } = await enrolled(a, 'alice');
      const soon = new Date(a.clock.now + 86_400_000).toISOString();
      await a.call('GET', '/users');
      const detail = await a.call('GET', '/users/alice');
      // The detail names the authenticators (name and dates), and nothing else of them.
      assert.deepEqual(
        (detail.body as { factors: object[] }).factors.map((factor) => Object.keys(factor).sort()),
        [['createdAt', 'lastUsedAt', 'name']],
      );
      await a.call('PUT', '/users/alice/exemption', { body: { reason: 'x', expiresAt: soon } });
      await a.call('DELETE', '/users/alice/exemption', { body: { reason: 'y' } });
      await a.call('POST', '/users/alice/unlock', { body: { reason: 'z' } });
      await a.call('POST', '/users/alice/reset', { body: { reason: 'w' } });
      const stored = JSON.stringify(await store.getUser('alice'));
      const haystack = [...a.adminBodies, ...a.events.map((event) => JSON.stringify(event))].join('\n');
      const needles = [
        secret,
        secret.toLowerCase(),
        ...recoveryCodes,
        ...recoveryCodes.map((c) => c.replace(/-/g, '')),
      ];
      for (const needle of needles) assert.ok(!haystack.includes(needle), 'a secret or recovery code leaked');
      assert.ok(!/otpauth:|plain:|aes-256-gcm|scrypt|"secret"|recoveryHashes/i.test(haystack), haystack);
      assert.ok(stored.length > 0);
    });
  });
}

/** Serves a mount over loopback HTTP through its `node` handler; resolves with the origin. */
export function serveNode(mount: TotpAdminMount): Promise<{ origin: string; close(): void }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => void mount.node(req, res));
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ origin, close: () => server.close() });
    });
  });
}
