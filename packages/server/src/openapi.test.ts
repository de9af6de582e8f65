/**
 * The OpenAPI 3.1 document shipped in @totp-gate/core (dist/openapi.json, generated from the zod
 * schemas) against this server's real answers: every operation is answered at its path, and every
 * status and body the server sends is one the document describes (validated with Ajv, 2020-12).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore } from './index.js';

const require = createRequire(import.meta.url);
const doc = require('@totp-gate/core/openapi.json') as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { responses: Record<string, unknown> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)));
ajv.addSchema(doc, 'openapi');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

type Caller = (method: 'get' | 'post', path: string, body?: unknown, signedIn?: boolean) => Promise<any>;

/** Every `method path` a real answer was checked for, across the tests below. */
const seen = new Set<string>();

/**
 * A service on a movable clock, and `call`, which sends one request as alice in `session.id` and
 * checks the answer's status and body against the document. A `Set-Cookie` answer is kept, and
 * sent back like a browser would, only where the document says the answer may set it.
 */
function contractHarness(policy: NonNullable<Parameters<typeof createTotpService>[0]['policy']> = {}) {
  const clock = { now: Date.UTC(2026, 0, 15, 9, 30) };
  const session = { id: 's1' };
  let cookie: string | null = null;
  const service = createTotpService({
    store: memoryStore(),
    issuer: 'Acme',
    basePath: '/api/totp',
    policy,
    now: () => clock.now,
    deviceCookie: { secure: false, name: 'device' },
    identify: (request) =>
      request.headers.get('x-user') ? { userId: 'alice', sessionId: session.id, account: 'alice@example.com' } : null,
  });
  const call: Caller = async (method, path, body, signedIn = true) => {
    const headers: Record<string, string> = signedIn ? { 'x-user': 'alice' } : {};
    if (cookie !== null) headers['cookie'] = cookie;
    if (method === 'post') headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
    const response = await service.handle(
      new Request(`http://app.test/api/totp${path}`, {
        method: method.toUpperCase(),
        headers,
        ...(method === 'post' ? { body: typeof body === 'string' ? body : JSON.stringify(body ?? {}) } : {}),
      }),
    );
    const json = await response.json();
    const operation = doc.paths[path]?.[method];
    assert.ok(operation, `${method} ${path} is in the document`);
    const status = String(response.status);
    const documented = operation.responses[status] as { headers?: Record<string, unknown> } | undefined;
    assert.ok(documented, `${method} ${path} → ${status} is documented: ${JSON.stringify(json)}`);
    const validate = ajv.getSchema(
      `openapi#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`,
    )!;
    assert.ok(
      validate(json),
      `${method} ${path} → ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(json)}`,
    );
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) {
      assert.ok(documented.headers?.['Set-Cookie'], `${method} ${path} → ${status} sets a cookie the document names`);
      const [pair] = setCookie.split(';');
      cookie = pair!.endsWith('=') ? null : pair!;
    }
    seen.add(`${method} ${path}`);
    return json;
  };
  return { clock, session, call, hasCookie: () => cookie !== null };
}

describe('OpenAPI document of the REST contract', () => {
  it('describes every status and body the real server answers, for every sign-in operation', async () => {
    const { clock, session, call } = contractHarness();
    await call('get', '/status', undefined, false);
    assert.equal((await call('get', '/status')).state, 'enrollment-required');
    await call('post', '/enrollment', 'not json');
    await call('post', '/defer');
    const { secret } = await call('post', '/enrollment');
    await call('post', '/enrollment/confirm', { code: 'abc' });
    await call('post', '/enrollment/confirm', { code: totp(secret, clock.now - 10 * 60_000) });
    const { recoveryCodes } = await call('post', '/enrollment/confirm', { code: totp(secret, clock.now) });
    await call('post', '/enrollment');
    await call('post', '/defer');
    session.id = 's2';
    clock.now += 60_000;
    await call('post', '/verify', { code: totp(secret, clock.now) });
    await call('post', '/verify', { code: totp(secret, clock.now) });
    session.id = 's3';
    await call('post', '/recovery', { code: recoveryCodes[0] });
    await call('post', '/recovery', { code: recoveryCodes[0] });
    session.id = 's4';
    for (let i = 0; i < 6; i++) await call('post', '/verify', { code: totp(secret, clock.now - 10 * 60_000) });
    await call('post', '/recovery', { code: recoveryCodes[1] });
  });

  it('describes the account operations: factors, recovery codes, remembered devices, signing out others', async () => {
    const day = 86_400;
    const { clock, session, call, hasCookie } = contractHarness({
      rememberDevice: { enabled: true, maxAgeSeconds: 30 * day },
    });
    assert.equal((await call('get', '/factors')).error.code, 'totp-required');
    const { secret } = await call('post', '/enrollment');
    await call('post', '/enrollment/confirm', { code: totp(secret, clock.now) });
    const [first] = (await call('get', '/factors')).factors;
    assert.equal((await call('post', '/factors/remove', { id: first.id })).error.code, 'last-factor');
    await call('post', '/factors', { name: '' });
    await call('post', '/factors', { name: 'Tablet', replaces: 'nobody' });
    const tablet = await call('post', '/factors', { name: 'Tablet' });
    await call('post', '/factors/confirm', { code: 'abc' });
    const added = await call('post', '/factors/confirm', { code: totp(tablet.secret, clock.now) });
    await call('post', '/factors/confirm', { code: totp(tablet.secret, clock.now) });
    await call('post', '/factors/rename', { id: added.factor.id, name: 'Home tablet' });
    await call('post', '/factors/rename', { id: 'nobody', name: 'x' });
    await call('post', '/recovery-codes', { code: '000000' });
    clock.now += 60_000;
    await call('post', '/recovery-codes', { code: totp(secret, clock.now) });
    await call('post', '/recovery-codes', { code: totp(secret, clock.now) });
    clock.now += 10 * 60_000;
    assert.equal((await call('post', '/factors', { name: 'Late' })).error.code, 'step-up-required');
    assert.equal((await call('post', '/factors/remove', { id: added.factor.id })).error.code, 'step-up-required');
    // A new session remembers this browser; the next one is let in by the cookie alone.
    session.id = 's2';
    await call('post', '/verify', { code: totp(secret, clock.now), rememberDevice: 'yes' });
    await call('post', '/verify', { code: totp(secret, clock.now), rememberDevice: true });
    assert.ok(hasCookie(), 'POST /verify with rememberDevice set the cookie');
    await call('post', '/factors/remove', { id: 'nobody' });
    await call('post', '/factors/remove', { id: added.factor.id });
    clock.now += 60_000;
    session.id = 's3';
    await call('post', '/verify', { code: totp(secret, clock.now), rememberDevice: true });
    session.id = 's4';
    assert.equal((await call('get', '/status')).state, 'verified');
    const { devices } = await call('get', '/devices');
    assert.equal(devices.length, 1);
    await call('post', '/devices/revoke', { id: 'nobody' });
    await call('post', '/devices/revoke', { id: devices[0].id });
    assert.ok(!hasCookie(), "revoking this browser's own device cleared its cookie");
    await call('post', '/sign-out-others');
    session.id = 's5';
    await call('get', '/devices');
    await call('post', '/sign-out-others');
  });

  it('S55 describes the recovery window: enrollment-required after a recovery code, then a new authenticator', async () => {
    const { clock, session, call } = contractHarness({ recoveryCodes: { afterUse: 'replace' } });
    const { secret } = await call('post', '/enrollment');
    const { recoveryCodes } = await call('post', '/enrollment/confirm', { code: totp(secret, clock.now) });
    session.id = 'lost-phone';
    clock.now += 60_000;
    assert.equal((await call('post', '/recovery', { code: recoveryCodes[0] })).state, 'enrollment-required');
    assert.equal((await call('get', '/status')).state, 'enrollment-required');
    assert.equal((await call('get', '/factors')).error.code, 'totp-required');
    const fresh = await call('post', '/enrollment');
    const confirmed = await call('post', '/enrollment/confirm', { code: totp(fresh.secret, clock.now) });
    assert.equal(confirmed.state, 'verified');
    assert.equal((await call('get', '/factors')).factors.length, 1);
  });

  it('every documented operation was checked against a real answer', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    assert.deepEqual([...seen].sort(), operations.sort());
  });

  it('S43 describes the reason of GET /status and every 403 guard() answers, verification expired and step-up', async () => {
    let now = Date.UTC(2026, 0, 15, 9, 30);
    const service = createTotpService({
      store: memoryStore(),
      issuer: 'Acme',
      now: () => now,
      identify: () => ({ userId: 'alice', sessionId: 's1', account: 'alice@example.com' }),
    });
    const statusSchema = ajv.getSchema('openapi#/components/schemas/Status')!;
    const guardSchema = ajv.getSchema(
      `openapi#/${pointer('components', 'responses', 'TotpRequired', 'content', 'application/json', 'schema')}`,
    )!;
    const reasons: unknown[] = [];
    async function check(maxAge?: number) {
      const denied = await service.guard(new Request('http://app.test/reports'), { maxAge });
      assert.equal(denied?.status, 403);
      const body: any = await denied!.json();
      assert.ok(guardSchema(body), `${ajv.errorsText(guardSchema.errors)}\n${JSON.stringify(body)}`);
      const status: any = await (await service.handle(new Request('http://app.test/api/totp/status'))).json();
      assert.ok(statusSchema(status), `${ajv.errorsText(statusSchema.errors)}\n${JSON.stringify(status)}`);
      reasons.push(body.error.reason, status.reason);
    }
    const post = (path: string, body: unknown) =>
      service.handle(
        new Request(`http://app.test/api/totp${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    await check();
    const { secret } = (await (await post('/enrollment', {})).json()) as { secret: string };
    assert.equal((await post('/enrollment/confirm', { code: totp(secret, now) })).status, 200);
    now += 60_000;
    await check(30);
    now += 60_000;
    assert.equal((await post('/verify', { code: totp(secret, now) })).status, 200);
    now += 12 * 3_600_000;
    await check();
    assert.deepEqual(reasons, [undefined, null, 'step-up', 'step-up', 'verification-expired', null]);
    assert.ok(!guardSchema({ error: { code: 'totp-required', message: 'x', state: 'verified', reason: 'bored' } }));
  });

  it('S44 documents the 403 cross-origin every POST answers to another site', async () => {
    const service = createTotpService({
      store: memoryStore(),
      issuer: 'Acme',
      identify: () => ({ userId: 'alice', sessionId: 's1', account: 'alice@example.com' }),
    });
    const posts = Object.entries(doc.paths).filter(([, ops]) => 'post' in ops);
    assert.ok(posts.length >= 5);
    for (const [path] of posts) {
      const response = await service.handle(
        new Request(`http://app.test/api/totp${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://evil.test' },
          body: '{}',
        }),
      );
      const body = await response.json();
      assert.equal(response.status, 403, path);
      const validate = ajv.getSchema(
        `openapi#/${pointer('paths', path, 'post', 'responses', '403', 'content', 'application/json', 'schema')}`,
      )!;
      assert.ok(validate(body), `${path}: ${ajv.errorsText(validate.errors)} ${JSON.stringify(body)}`);
    }
  });
});
