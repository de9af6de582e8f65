/**
 * Cross-site requests are refused (S44), tested as forged requests through both HTTP paths
 * (`handle(Request)` and `toNodeHandler` over real HTTP): a page on another site that makes the
 * victim's browser send a state-changing request with the victim's cookie gets 403 `cross-origin`,
 * and nothing changes (records, failure count, audit, not even the host's `identify`).
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore, toNodeHandler, type AuditEvent, type TotpServiceOptions } from './index.js';
import { createTotpAdmin } from './admin/mount.js';
import { T0, wrongCode } from './test/harness.js';

interface Reply {
  status: number;
  body: any;
}

/** A service for Alice, signed in with her cookie, served through one transport. */
function makeSite(via: 'handle' | 'node', options: Partial<TotpServiceOptions> = {}) {
  const store = memoryStore();
  const events: AuditEvent[] = [];
  let identified = 0;
  let now = T0;
  const service = createTotpService({
    store,
    issuer: 'Acme',
    now: () => now,
    onAudit: (event) => void events.push(event),
    ...options,
    identify: (request) => {
      identified++;
      return request.headers.get('cookie') === 'session=alice'
        ? { userId: 'alice', sessionId: 'alice-1', account: 'alice@example.com' }
        : null;
    },
  });
  let server: Server | undefined;
  let base = 'http://host.test';
  async function start() {
    if (via === 'handle') return;
    server = createServer(toNodeHandler(service));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  /** A request as a browser would send it, with whatever Origin / Sec-Fetch-Site it is given. */
  async function send(method: string, path: string, headers: Record<string, string> = {}, body = '{}'): Promise<Reply> {
    const all = { cookie: 'session=alice', 'content-type': 'application/json', ...headers };
    if (via === 'handle') {
      const init: RequestInit = { method, headers: all, ...(method === 'GET' ? {} : { body }) };
      const response = await service.handle(new Request(`${base}/api/totp${path}`, init));
      return { status: response.status, body: await response.json() };
    }
    // node:http, not fetch: a forged request sets Origin and Sec-Fetch-Site exactly as given.
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}/api/totp${path}`, { method, headers: all }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(method === 'GET' ? undefined : body);
    });
  }
  return {
    service,
    store,
    events,
    start,
    send,
    stop: () => server?.close(),
    get own() {
      return base;
    },
    get identified() {
      return identified;
    },
    tick: (ms: number) => void (now += ms),
    now: () => now,
  };
}

for (const via of ['handle', 'node'] as const) {
  describe(`S44 cross-site requests (${via})`, () => {
    let site: ReturnType<typeof makeSite>;
    let secret: string;
    before(async () => {
      site = makeSite(via);
      await site.start();
      const same = { origin: site.own, 'sec-fetch-site': 'same-origin' };
      secret = (await site.send('POST', '/enrollment', same)).body.secret;
      assert.equal(
        (await site.send('POST', '/enrollment/confirm', same, JSON.stringify({ code: totp(secret, site.now()) })))
          .status,
        200,
      );
    });
    after(() => site.stop());

    async function snapshot() {
      return JSON.stringify([
        await site.store.getUser('alice'),
        await site.store.getSession('alice-1'),
        site.events.length,
      ]);
    }

    const forged: [string, Record<string, string>][] = [
      ['an Origin of another site', { origin: 'https://evil.test' }],
      ['Sec-Fetch-Site: cross-site and no Origin', { 'sec-fetch-site': 'cross-site' }],
      ['an opaque Origin: null (sandboxed frame, data: URL)', { origin: 'null' }],
      ['an Origin that ends like this host', { origin: 'http://evil-host.test' }],
      ['an Origin that starts like this host', { origin: 'http://host.test.evil.test' }],
      ['this host on another port', { origin: 'http://host.test:8443' }],
      ['a sibling subdomain (same-site)', { origin: 'https://blog.host.test', 'sec-fetch-site': 'same-site' }],
      ['the own Origin, but marked cross-site', { origin: 'OWN', 'sec-fetch-site': 'cross-site' }],
      ['an Origin with a path', { origin: 'OWN/api' }],
    ];
    for (const [name, headers] of forged) {
      it(`S44 refuses ${name} with 403 cross-origin on every state-changing route, changing nothing`, async () => {
        const given = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('OWN', site.own)]));
        const before = await snapshot();
        const identified = site.identified;
        const attempts: [string, string, string][] = [
          ['POST', '/verify', JSON.stringify({ code: wrongCode(secret, site.now()) })],
          ['POST', '/recovery', JSON.stringify({ code: 'aaaa-bbbb-cccc' })],
          ['POST', '/enrollment', '{}'],
          ['POST', '/defer', '{}'],
          ['POST', '/recovery-codes', JSON.stringify({ code: totp(secret, site.now()) })],
          ['POST', '/sign-out-others', '{}'],
          ['POST', '/factors/remove', JSON.stringify({ id: 'x' })],
          ['POST', '/devices/revoke', JSON.stringify({ id: 'x' })],
        ];
        for (const [method, path, body] of attempts) {
          const reply = await site.send(method, path, given, body);
          assert.equal(reply.status, 403, `${method} ${path}: ${JSON.stringify(reply.body)}`);
          assert.equal(reply.body.error.code, 'cross-origin');
          assert.match(reply.body.error.message, /another site/);
        }
        assert.equal(await snapshot(), before, 'no record, failure count or audit event changed');
        assert.equal(site.identified, identified, "the host's identify was not even asked");
      });
    }

    it('S44 twenty forged wrong codes count as no failure: the account does not lock', async () => {
      for (let i = 0; i < 20; i++) {
        const reply = await site.send(
          'POST',
          '/verify',
          { origin: 'https://evil.test' },
          JSON.stringify({ code: wrongCode(secret, site.now()) }),
        );
        assert.equal(reply.status, 403);
      }
      assert.equal((await site.store.getUser('alice'))?.failures ?? 0, 0);
      assert.equal((await site.send('GET', '/status')).body.state, 'verified');
    });

    it('S44 lets the own pages through: same-origin, no Origin (curl, server to server), a typed address', async () => {
      const cases: Record<string, string>[] = [
        { origin: site.own, 'sec-fetch-site': 'same-origin' },
        { origin: site.own.toUpperCase().replace('HTTP://', 'http://') },
        {},
        { 'sec-fetch-site': 'none' },
      ];
      for (const headers of cases) {
        const reply = await site.send('POST', '/enrollment', headers);
        assert.equal(reply.status, 409, `${JSON.stringify(headers)} reaches the route: ${JSON.stringify(reply.body)}`);
        assert.equal(reply.body.error.code, 'already-enrolled');
      }
    });

    it('S44 reads are not state changes: a cross-site GET /status is answered (CORS keeps its body from the page)', async () => {
      const reply = await site.send('GET', '/status', { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' });
      assert.equal(reply.status, 200);
    });
  });
}

describe('S44 allowedOrigins', () => {
  it('S44 lets listed origins through, also when the browser says cross-site, and nothing else', async () => {
    for (const via of ['handle', 'node'] as const) {
      const site = makeSite(via, { allowedOrigins: ['https://app.example.com'] });
      await site.start();
      try {
        const listed = await site.send('POST', '/enrollment', {
          origin: 'https://app.example.com',
          'sec-fetch-site': 'cross-site',
        });
        assert.equal(listed.status, 200, `${via}: ${JSON.stringify(listed.body)}`);
        const own = await site.send('POST', '/enrollment', { origin: site.own });
        assert.equal(own.status, 200, `${via}: the own origin still passes`);
        for (const origin of ['http://app.example.com', 'https://app.example.com:444', 'https://evil.example.com']) {
          assert.equal((await site.send('POST', '/enrollment', { origin })).status, 403, `${via}: ${origin}`);
        }
      } finally {
        site.stop();
      }
    }
  });

  it('S44 takes a function of the Origin header for many origins (a tenant per subdomain)', async () => {
    const seen: string[] = [];
    const site = makeSite('handle', {
      allowedOrigins: (origin) => {
        seen.push(origin);
        return /^https:\/\/[a-z0-9-]+\.tenants\.example$/.test(origin);
      },
    });
    assert.equal((await site.send('POST', '/enrollment', { origin: 'https://acme.tenants.example' })).status, 200);
    assert.equal(
      (await site.send('POST', '/enrollment', { origin: 'https://acme.tenants.example.evil.test' })).status,
      403,
    );
    assert.deepEqual(seen, ['https://acme.tenants.example', 'https://acme.tenants.example.evil.test']);
  });

  it('S44 an https page of this host passes a service that sees plain http (a TLS proxy), never the reverse', async () => {
    const site = makeSite('handle');
    assert.equal((await site.send('POST', '/enrollment', { origin: 'https://host.test' })).status, 200);
    const secure = createTotpService({
      store: memoryStore(),
      issuer: 'Acme',
      identify: () => ({ userId: 'bob', sessionId: 'bob-1', account: 'bob@example.com' }),
    });
    const post = (origin: string) =>
      secure.handle(
        new Request('https://host.test/api/totp/enrollment', {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: '{}',
        }),
      );
    assert.equal((await post('https://host.test')).status, 200);
    assert.equal((await post('http://host.test')).status, 403, 'an http page (open to a network attacker) is refused');
  });

  it('S44 refuses a mistaken allowedOrigins at start-up', () => {
    for (const allowedOrigins of [
      ['https://app.example.com/'],
      ['app.example.com'],
      ['https://app.example.com/path'],
      ['HTTPS://APP.EXAMPLE.COM'],
      ['ftp://app.example.com'],
      [42],
      'https://app.example.com',
    ]) {
      assert.throws(
        () =>
          createTotpService({
            store: memoryStore(),
            issuer: 'Acme',
            identify: () => null,
            allowedOrigins: allowedOrigins as never,
          }),
        TypeError,
        JSON.stringify(allowedOrigins),
      );
    }
  });
});

describe('S44 the admin mount', () => {
  it('S44 refuses a forged cross-site reset through both paths, and the user keeps the authenticator', async () => {
    const site = makeSite('handle');
    const same = { origin: site.own };
    const { secret } = (await site.send('POST', '/enrollment', same)).body;
    assert.equal(
      (await site.send('POST', '/enrollment/confirm', same, JSON.stringify({ code: totp(secret, site.now()) }))).status,
      200,
    );
    const admin = createTotpAdmin({
      service: site.service,
      basePath: '/api/totp-admin',
      authorize: () => ({ adminId: 'root' }),
    });
    const body = JSON.stringify({ reason: 'phone lost' });
    const forged = await admin.handle(
      new Request('http://host.test/api/totp-admin/users/alice/reset', {
        method: 'POST',
        headers: { origin: 'https://evil.test', 'content-type': 'application/json' },
        body,
      }),
    );
    assert.equal(forged.status, 403);
    assert.equal(((await forged.json()) as any).error.code, 'cross-origin');
    const server = createServer(admin.node);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/totp-admin/users/alice/reset`;
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          url,
          { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      assert.equal(status, 403);
    } finally {
      server.close();
    }
    assert.ok((await site.store.getUser('alice'))?.factors?.length, 'still enrolled');
  });
});
