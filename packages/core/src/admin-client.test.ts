import { expect } from './test-fixtures/expect.js';
import { createAdminClient, type AdminUser } from './admin-client.js';
import { TotpGateError } from './errors.js';
import { json, recordingFetch, rejection } from './test-fixtures/fetch-stub.js';
import { manualClock } from './test-fixtures/manual-clock.js';

/**
 * The real admin mount (packages/server/src/test/admin-browser-server.ts): in Chromium the test
 * runner serves it at /api/totp-admin-test/; under Node the same module listens on a loopback
 * port of its own. Empty until `before` has run.
 */
let origin = '';
const underNode = typeof (globalThis as { window?: unknown }).window === 'undefined';

/** A fresh set of users on the real admin mount. */
function realServer(adminId: string | null = 'carol') {
  const key = [...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return createAdminClient({
    baseUrl: `${origin}/api/totp-admin-test/${key}`,
    headers: adminId === null ? {} : { 'x-admin': adminId },
  });
}

/** mocha's per-test time limit, where there is one (node:test has none by default). */
type MaybeMocha = { timeout?: (ms: number) => void } | undefined;

/** A client whose `fetch` is a stub answering `reply`, recording what it was sent. */
function stubbed(reply: () => Response) {
  const { sent, fetch } = recordingFetch(reply);
  return { client: createAdminClient({ baseUrl: '/admin/', fetch }), sent };
}

const user: AdminUser = {
  userId: 'alice',
  account: 'Alice Archer',
  roles: ['staff'],
  standing: 'enrolled',
  authenticators: 1,
  enrolledAt: '2026-01-15T09:30:00.000Z',
  lastSignInAt: null,
  graceEndsAt: null,
  deferredAt: null,
  failures: 0,
  locked: false,
  lockedUntil: null,
  hardLocked: false,
  exemption: null,
  recoveryCodesLeft: 10,
  enrollmentPending: false,
};

describe('createAdminClient against the real admin mount', function () {
  // The test server is compiled and its users made at the first request of a run, and the
  // machine may be busy: the first request gets a minute, each test half of one.
  (this as MaybeMocha)?.timeout?.(30_000);
  before(async function () {
    (this as MaybeMocha)?.timeout?.(60_000);
    if (underNode) {
      // A computed specifier: core's type check and the browser never see the server's sources.
      const serverModule = '../../server/src/test/admin-browser-server.js';
      origin = await ((await import(serverModule)) as { listenAdminTest(): Promise<string> }).listenAdminTest();
    }
    await realServer().list();
  });

  it('S80 lists users with filters and pages, and every answer passes its schema', async () => {
    const admin = realServer();
    const all = await admin.list({ limit: 500 });
    expect(all.users.map((u) => u.userId).sort()).to.deep.equal(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(all.nextCursor).to.equal(null);
    const standing = Object.fromEntries(all.users.map((u) => [u.userId, u.standing]));
    expect(standing).to.deep.equal({
      alice: 'enrolled',
      bob: 'deferred',
      carol: 'enrolled',
      dave: 'locked',
      erin: 'exempt',
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.list({ limit: 2, cursor });
      expect(page.users.length).to.be.at.most(2);
      seen.push(...page.users.map((u) => u.userId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.sort()).to.deep.equal(['alice', 'bob', 'carol', 'dave', 'erin']);
    const locked = await admin.list({ standing: ['locked', 'exempt'] });
    expect(locked.users.map((u) => u.userId).sort()).to.deep.equal(['dave', 'erin']);
    expect((await admin.list({ role: 'contractor' })).users.map((u) => u.userId)).to.deep.equal(['bob']);
    expect((await admin.list({ search: 'ARCH' })).users.map((u) => u.userId)).to.deep.equal(['alice']);
    const erin = await admin.user('erin');
    expect(erin.exemption).to.include({ reason: 'Parental leave', source: 'admin', grantedBy: 'carol' });
    // The answer about one user names their authenticators, with dates; a page of the list does not.
    expect(erin.factors?.map((factor) => factor.name)).to.deep.equal(['Authenticator']);
    expect(Date.parse(erin.factors![0]!.createdAt)).to.be.above(0);
    expect(locked.users[0]).not.to.have.property('factors');
  });

  it('S80 resets, unlocks, grants, changes and revokes exemptions, answering with the user after each', async () => {
    const admin = realServer();
    const reset = await admin.reset('alice', { reason: 'Lost phone, ticket 4711' });
    expect(reset).to.include({ userId: 'alice', standing: 'in-grace', authenticators: 0, recoveryCodesLeft: 0 });
    expect((await admin.unlock('dave', { reason: 'Verified by phone call' })).locked).to.equal(false);
    const end = new Date(Date.now() + 86_400_000);
    const bob = await admin.grantExemption('bob', { reason: 'Travelling', expiresAt: end });
    expect(bob.standing).to.equal('exempt');
    expect(bob.exemption).to.deep.include({ reason: 'Travelling', expiresAt: end.toISOString(), grantedBy: 'carol' });
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const changed = await admin.grantExemption('bob', { reason: 'Still travelling', expiresAt: later });
    expect(changed.exemption?.expiresAt).to.equal(later);
    expect((await admin.revokeExemption('bob', { reason: 'Back' })).exemption).to.equal(null);
    expect((await rejection(admin.revokeExemption('bob', { reason: 'Again' }))).code).to.equal('not-exempt');
  });

  it('S80 runs a dry run and a policy check, and maps the lockout guard to its code', async () => {
    const admin = realServer();
    const result = await admin.dryRun({ policy: { requiredRoles: ['contractor'] }, at: new Date() });
    expect(result.counts['not-required']).to.equal(4);
    expect(result.total).to.equal(5);
    await admin.reset('carol', { reason: 'Test of the guard' });
    const guarded = await rejection(admin.checkPolicy({ policy: { gracePeriodSeconds: 0 } }));
    expect(guarded.code).to.equal('lockout-guard');
    expect(guarded.status).to.equal(409);
    const overridden = await admin.checkPolicy({ policy: { gracePeriodSeconds: 0 }, override: { reason: 'Planned' } });
    expect(overridden).to.include({ overridden: true });
    expect(overridden.guard.blocked).to.deep.equal(['carol']);
  });

  it('S80 errors: 403 forbidden without an administrator, 404 unknown-user, 400 from the server as bad-request', async () => {
    expect((await rejection(realServer(null).list())).code).to.equal('forbidden');
    const admin = realServer();
    const unknown = await rejection(admin.reset('nobody', { reason: 'x' }));
    expect([unknown.code, unknown.status]).to.deep.equal(['unknown-user', 404]);
    const far = new Date(Date.now() + 400 * 86_400_000);
    const tooLong = await rejection(admin.grantExemption('bob', { reason: 'Sabbatical', expiresAt: far }));
    expect([tooLong.code, tooLong.status]).to.deep.equal(['bad-request', 400]);
    expect(tooLong.message).to.contain('366 days');
  });

  it('S80 export URLs download the list and the audit as files the real mount serves, with no secret', async () => {
    const admin = realServer();
    await admin.reset('alice', { reason: 'Lost phone' });
    const csvUrl = admin.exportUrl('users', 'csv', { standing: 'in-grace' });
    expect(csvUrl).to.match(/\/export\/users\?standing=in-grace&format=csv$/);
    const csv = await fetch(csvUrl, { headers: { 'x-admin': 'carol' } });
    expect(csv.headers.get('content-type')).to.contain('text/csv');
    expect(csv.headers.get('content-disposition')).to.contain('totp-users.csv');
    const text = await csv.text();
    expect(text).to.contain('"alice"');
    expect(text).not.to.contain('"dave"');
    const audit = (await (
      await fetch(admin.exportUrl('audit', 'json'), { headers: { 'x-admin': 'carol' } })
    ).json()) as {
      events: Array<Record<string, unknown>>;
    };
    const resetEvent = audit.events.find((event) => event.type === 'admin-reset');
    expect(resetEvent).to.include({ userId: 'alice', adminId: 'carol', adminReason: 'Lost phone' });
    expect(JSON.stringify(audit)).not.to.match(/secret|recoveryHashes/i);
  });
});

describe('createAdminClient requests and hostile answers', () => {
  it('S81 refuses a change without a reason, an exemption without an end, and bad input, sending nothing', async () => {
    const { client, sent } = stubbed(() => json(user));
    const refusals: Array<[string, Promise<unknown>, RegExp]> = [
      ['no reason', client.reset('alice', { reason: '' }), /reason is required/],
      ['blank reason', client.unlock('alice', { reason: '   ' }), /reason is required/],
      ['missing act', client.reset('alice', undefined as never), /reason is required/],
      ['two lines', client.reset('alice', { reason: 'a\nb' }), /one line/],
      ['too long', client.revokeExemption('alice', { reason: 'x'.repeat(501) }), /longer than 500/],
      ['no end', client.grantExemption('alice', { reason: 'Leave' } as never), /needs an end/],
      ['bad end', client.grantExemption('alice', { reason: 'Leave', expiresAt: 'soon' }), /ISO 8601/],
      ['empty id', client.user(''), /userId/],
      ['bad limit', client.list({ limit: 501 }), /limit/],
      ['no policy', client.dryRun({} as never), /candidate policy/],
      ['override without reason', client.checkPolicy({ policy: {}, override: { reason: '' } }), /reason/],
    ];
    for (const [what, promise, message] of refusals) {
      const error = await rejection(promise);
      expect(error.code, what).to.equal('bad-request');
      expect(error.message, what).to.match(message);
    }
    expect(sent).to.deep.equal([]);
    expect(() => client.exportUrl('secrets' as never)).to.throw(TotpGateError);
  });

  it('S81 sends each call to its route, with the user id escaped as one path segment', async () => {
    let answer: unknown = user;
    const { client, sent } = stubbed(() => json(answer));
    answer = { ...user, userId: 'a/../b?c' };
    await client.reset('a/../b?c', { reason: ' Lost phone ' });
    answer = user;
    await client.unlock('alice', { reason: 'ok' });
    await client.grantExemption('alice', { reason: 'Leave', expiresAt: '2030-01-01T00:00:00Z' });
    await client.revokeExemption('alice', { reason: 'Back' });
    await client.user('alice');
    answer = { users: [user], nextCursor: 'YWxpY2U' };
    await client.list({
      standing: ['locked', 'must-enroll'],
      role: 'staff',
      search: 'a&b',
      cursor: 'YWxpY2U',
      limit: 5,
    });
    expect(sent.map((s) => [s.method, s.url, s.body])).to.deep.equal([
      ['POST', '/admin/users/a%2F..%2Fb%3Fc/reset', { reason: 'Lost phone' }],
      ['POST', '/admin/users/alice/unlock', { reason: 'ok' }],
      ['PUT', '/admin/users/alice/exemption', { reason: 'Leave', expiresAt: '2030-01-01T00:00:00Z' }],
      ['DELETE', '/admin/users/alice/exemption', { reason: 'Back' }],
      ['GET', '/admin/users/alice', undefined],
      ['GET', '/admin/users?standing=locked%2Cmust-enroll&role=staff&search=a%26b&cursor=YWxpY2U&limit=5', undefined],
    ]);
  });

  it('S80 turns hostile or malformed admin answers into bad-response, and drops fields it does not know', async () => {
    const hostile: Array<[string, unknown]> = [
      ['an unknown standing', { ...user, standing: 'god-mode' }],
      [
        'a reason with a line break',
        {
          ...user,
          exemption: { reason: 'a\u2028b', expiresAt: null, source: 'policy', grantedBy: null, grantedAt: null },
        },
      ],
      ['a control character in an id', { ...user, userId: 'ali\u0000ce' }],
      ['a negative count', { ...user, failures: -1 }],
      ['a time that is not ISO', { ...user, enrolledAt: 'yesterday' }],
      ['an over-long account', { ...user, account: 'x'.repeat(257) }],
      ['another user', { ...user, userId: 'mallory' }],
      ['not JSON', '<html>'],
    ];
    for (const [what, body] of hostile) {
      const { client } = stubbed(() =>
        typeof body === 'string' ? new Response(body, { headers: { 'content-type': 'text/html' } }) : json(body),
      );
      expect((await rejection(client.reset('alice', { reason: 'x' }))).code, what).to.equal('bad-response');
    }
    const pages: Array<[string, unknown]> = [
      ['a cursor with a slash', { users: [], nextCursor: '../x' }],
      ['too many users', { users: Array.from({ length: 501 }, () => user), nextCursor: null }],
      ['no cursor field', { users: [user] }],
    ];
    for (const [what, body] of pages) {
      const { client } = stubbed(() => json(body));
      expect((await rejection(client.list())).code, what).to.equal('bad-response');
    }
    const { client } = stubbed(() => json({ ...user, secret: 'JBSWY3DPEHPK3PXP', recoveryHashes: ['h'] }));
    const parsed = await client.user('alice');
    expect(parsed).not.to.have.property('secret');
    expect(parsed).not.to.have.property('recoveryHashes');
    expect(parsed).to.deep.equal(user);
  });

  it('S80 maps a proxy error page by its status, and refuses an answer over the size limit', async () => {
    const cases: Array<[Response, string]> = [
      [new Response('<h1>Bad gateway</h1>', { status: 502 }), 'network'],
      [new Response('<h1>Oops</h1>', { status: 500 }), 'bad-response'],
      [json({ error: { code: 'forbidden', message: 'Only an administrator.' } }, 403), 'forbidden'],
      [json({ error: { code: 'cross-origin', message: 'No.' } }, 403), 'cross-origin'],
      [json({ error: { code: 'unavailable', message: 'Busy.', retryAfter: 1 } }, 503), 'network'],
    ];
    for (const [response, code] of cases) {
      const { client } = stubbed(() => response.clone());
      expect((await rejection(client.list())).code, code).to.equal(code);
    }
    const roles = Array.from({ length: 20 }, () => 'r'.repeat(200));
    const big = { users: Array.from({ length: 500 }, (_, i) => ({ ...user, userId: `u${i}`, roles })) };
    const { client } = stubbed(() => json({ ...big, nextCursor: null }));
    expect((await rejection(client.list())).code).to.equal('bad-response');
  });

  it('gives a dry run and a policy check two minutes (dryRunTimeoutMs) while other calls keep timeoutMs', async () => {
    /** The deadline a call asks its clock for, read by moving a manual clock to just before and at it. */
    async function deadlineOf(call: (client: ReturnType<typeof createAdminClient>) => Promise<unknown>, extra = {}) {
      const clock = manualClock();
      const start = clock.now();
      const client = createAdminClient({
        baseUrl: '/admin',
        clock,
        fetch: () => new Promise(() => undefined),
        ...extra,
      });
      let settled = false;
      const error = rejection(call(client)).finally(() => (settled = true));
      await clock.deadlineSet();
      for (const step of [1_000, 14_000, 105_000, 60_000, 120_000]) {
        clock.advance(step);
        // One macrotask lets a rejection run through its handlers (no real time is waited for).
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (settled) break;
      }
      expect((await error).code).to.equal('timeout');
      return clock.now() - start;
    }
    const policy = { requiredRoles: ['contractor'] };
    expect(await deadlineOf((c) => c.list())).to.equal(15_000);
    expect(await deadlineOf((c) => c.dryRun({ policy }))).to.equal(120_000);
    expect(await deadlineOf((c) => c.checkPolicy({ policy }))).to.equal(120_000);
    expect(await deadlineOf((c) => c.dryRun({ policy }), { dryRunTimeoutMs: 180_000 })).to.equal(180_000);
    expect(await deadlineOf((c) => c.list(), { timeoutMs: 1_000 })).to.equal(1_000);
  });
});
