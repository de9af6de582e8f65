// The REST contract page against the reference server: every documented endpoint answers 200
// with the documented schema, and every documented error comes back with the documented status
// and code. If the server and the page drift apart, this fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorBody } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore, StoreUnavailableError, type TotpStore } from '@totp-gate/server';
import {
  ACCOUNT_ENDPOINTS,
  ACCOUNT_ERRORS,
  ENDPOINTS,
  ERRORS,
  checkExample,
} from '../.vitepress/data/rest-contract.js';

const BASE = 'http://app.test/api/totp';
const DAY = 86_400_000;

function setup(policy: Parameters<typeof createTotpService>[0]['policy'] = {}, store: TotpStore = memoryStore()) {
  let now = Date.UTC(2026, 0, 15, 9, 30);
  const service = createTotpService({
    store,
    deviceCookie: { secure: false },
    issuer: 'Acme',
    basePath: '/api/totp',
    policy,
    now: () => now,
    identify: (request) => {
      const user = request.headers.get('x-user');
      const session = request.headers.get('x-session') ?? 's1';
      return user
        ? { userId: user, sessionId: session, account: `${user}@example.com`, requiredSince: new Date(now - DAY) }
        : null;
    },
  });
  // Like createHttpBackend: every POST is JSON, `{}` when the endpoint takes no body.
  const call = (
    method: string,
    path: string,
    body: unknown = method === 'POST' ? {} : undefined,
    headers: Record<string, string> = {},
  ) =>
    service.handle(
      new Request(`${BASE}${path}`, {
        method,
        headers: {
          'x-user': 'alice',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    );
  return {
    service,
    call,
    advance: (ms: number) => {
      now += ms;
    },
    code: (secret: string) => totp(secret, now),
  };
}

async function json(response: Response): Promise<unknown> {
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return response.json();
}

async function expectError(response: Response, code: string): Promise<void> {
  const row = [...ERRORS, ...ACCOUNT_ERRORS].find((e) => e.code === code)!;
  const body = await json(response);
  assert.equal(ErrorBody.safeParse(body).success, true, `${code}: not an ErrorBody`);
  assert.equal((body as { error: { code: string } }).error.code, code);
  assert.equal(response.status, row.status, `${code}: the page says ${row.status}`);
}

describe('REST contract page, checked against @totp-gate/server', () => {
  it('answers every documented endpoint with 200 and the documented schema', async () => {
    const { call, code, advance } = setup({ gracePeriodSeconds: 7 * 86_400 });
    const schemaOf = (path: string) => ENDPOINTS.find((e) => e.path === path)!.response;
    const ok = async (response: Response, path: string) => {
      assert.equal(response.status, 200, path);
      const body = await json(response);
      checkExample(schemaOf(path), body, `the server's ${path} answer`);
      return body as Record<string, unknown>;
    };

    await ok(await call('GET', '/status'), '/status');
    await ok(await call('POST', '/defer'), '/defer');
    const enrollment = await ok(await call('POST', '/enrollment'), '/enrollment');
    const confirmed = await ok(
      await call('POST', '/enrollment/confirm', { code: code(String(enrollment['secret'])) }),
      '/enrollment/confirm',
    );
    advance(30_000);
    await ok(
      await call('POST', '/verify', { code: code(String(enrollment['secret'])) }, { 'x-session': 's2' }),
      '/verify',
    );
    const recoveryCodes = confirmed['recoveryCodes'] as string[];
    await ok(await call('POST', '/recovery', { code: recoveryCodes[0] }, { 'x-session': 's3' }), '/recovery');
  });

  it('answers every documented error with its documented status and code', async () => {
    const { service, call, code, advance } = setup();
    await expectError(await call('GET', '/status', undefined, { 'x-user': '' }), 'unauthenticated');
    await expectError(await call('GET', '/nope'), 'not-found');
    await expectError(await call('GET', '/verify'), 'method-not-allowed');
    await expectError(
      await call('POST', '/verify', 'code=123456', { 'content-type': 'text/plain' }),
      'unsupported-media-type',
    );
    await expectError(await call('POST', '/verify', '{not json'), 'bad-request');
    await expectError(await call('POST', '/enrollment/confirm', { code: '123456' }), 'enrollment-expired');
    await expectError(await call('POST', '/defer'), 'grace-expired');
    const denied = await service.guard(new Request(`http://app.test/api/notes`, { headers: { 'x-user': 'alice' } }));
    assert.ok(denied);
    await expectError(denied, 'totp-required');

    const enrollment = (await (await call('POST', '/enrollment')).json()) as { secret: string };
    const first = code(enrollment.secret);
    assert.equal((await call('POST', '/enrollment/confirm', { code: first })).status, 200);
    await expectError(await call('POST', '/enrollment'), 'already-enrolled');
    await expectError(await call('POST', '/verify', { code: first }, { 'x-session': 's2' }), 'code-reused');
    advance(30_000);
    const wrong = String((Number(code(enrollment.secret)) + 500_000) % 1_000_000).padStart(6, '0');
    await expectError(await call('POST', '/verify', { code: wrong }, { 'x-session': 's2' }), 'invalid-code');
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) last = await call('POST', '/verify', { code: wrong }, { 'x-session': 's2' });
    assert.ok(last && Number(last.headers.get('retry-after')) > 0, 'a lock carries Retry-After');
    await expectError(last, 'locked');
  });

  it('answers every documented account endpoint with 200 and the documented schema', async () => {
    const { call, code, advance } = setup({ rememberDevice: { enabled: true } });
    const seen = new Set<string>();
    const ok = async (response: Response, method: string, path: string) => {
      assert.equal(response.status, 200, `${method} ${path}`);
      const body = await json(response);
      const endpoint = ACCOUNT_ENDPOINTS.find((e) => e.method === method && e.path === path)!;
      checkExample(endpoint.response, body, `the server's ${method} ${path} answer`);
      seen.add(`${method} ${path}`);
      return body as any;
    };
    const { secret } = (await (await call('POST', '/enrollment')).json()) as { secret: string };
    assert.equal((await call('POST', '/enrollment/confirm', { code: code(secret) })).status, 200);
    await ok(await call('GET', '/factors'), 'GET', '/factors');
    const tablet = await ok(await call('POST', '/factors', { name: 'Tablet' }), 'POST', '/factors');
    const added = await ok(
      await call('POST', '/factors/confirm', { code: code(tablet.secret) }),
      'POST',
      '/factors/confirm',
    );
    const id = added.factor.id as string;
    await ok(await call('POST', '/factors/rename', { id, name: 'Home tablet' }), 'POST', '/factors/rename');
    await ok(await call('POST', '/factors/remove', { id }), 'POST', '/factors/remove');
    advance(30_000);
    await ok(await call('POST', '/recovery-codes', { code: code(secret) }), 'POST', '/recovery-codes');
    advance(30_000);
    const remembered = await call(
      'POST',
      '/verify',
      { code: code(secret), rememberDevice: true },
      { 'x-session': 's2' },
    );
    const cookie = remembered.headers.get('set-cookie')!.split(';')[0]!;
    const asDevice = { 'x-session': 's2', cookie };
    const { devices } = await ok(await call('GET', '/devices', undefined, asDevice), 'GET', '/devices');
    assert.equal(devices.length, 1);
    await ok(await call('POST', '/devices/revoke', { id: devices[0].id }, asDevice), 'POST', '/devices/revoke');
    await ok(await call('POST', '/sign-out-others'), 'POST', '/sign-out-others');
    assert.deepEqual([...seen].sort(), ACCOUNT_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  });

  it('answers every documented account error, cross-site POST and store outage with its status and code', async () => {
    const { call, code, advance } = setup();
    await expectError(await call('GET', '/factors'), 'totp-required');
    await expectError(
      await call('POST', '/verify', { code: '123456' }, { origin: 'https://evil.test' }),
      'cross-origin',
    );
    const { secret } = (await (await call('POST', '/enrollment')).json()) as { secret: string };
    assert.equal((await call('POST', '/enrollment/confirm', { code: code(secret) })).status, 200);
    const { factors } = (await (await call('GET', '/factors')).json()) as { factors: Array<{ id: string }> };
    await expectError(await call('POST', '/factors/remove', { id: factors[0]!.id }), 'last-factor');
    await expectError(await call('POST', '/factors/rename', { id: 'gone', name: 'x' }), 'unknown-id');
    advance(10 * 60_000);
    await expectError(await call('POST', '/factors', { name: 'Tablet' }), 'step-up-required');

    const down: TotpStore = new Proxy(memoryStore(), {
      get: (target, key) =>
        key === 'getUser' || key === 'getSession' || key === 'updateUser'
          ? () => Promise.reject(new StoreUnavailableError('The test store is down.'))
          : Reflect.get(target, key),
    });
    const outage = await setup({}, down).call('GET', '/status');
    assert.ok(Number(outage.headers.get('retry-after')) > 0);
    await expectError(outage, 'unavailable');
  });

  it('covers every error the page lists', () => {
    assert.deepEqual(ACCOUNT_ERRORS.map((e) => e.code).sort(), ['last-factor', 'step-up-required', 'unknown-id']);
    assert.deepEqual(ERRORS.map((e) => e.code).sort(), [
      'already-enrolled',
      'bad-request',
      'code-reused',
      'cross-origin',
      'enrollment-expired',
      'grace-expired',
      'invalid-code',
      'locked',
      'method-not-allowed',
      'not-found',
      'totp-required',
      'unauthenticated',
      'unavailable',
      'unsupported-media-type',
    ]);
  });
});
