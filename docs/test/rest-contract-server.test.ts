// The REST contract page against the reference server: every documented endpoint answers 200
// with the documented schema, and every documented error comes back with the documented status
// and code. If the server and the page drift apart, this fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorBody } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore } from '@totp-gate/server';
import { ENDPOINTS, ERRORS, checkExample } from '../.vitepress/data/rest-contract.js';

const BASE = 'http://app.test/api/totp';
const DAY = 86_400_000;

function setup(policy: Parameters<typeof createTotpService>[0]['policy'] = {}) {
  let now = Date.UTC(2026, 0, 15, 9, 30);
  const service = createTotpService({
    store: memoryStore(),
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
  const row = ERRORS.find((e) => e.code === code)!;
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

  it('covers every error the page lists', () => {
    assert.deepEqual(ERRORS.map((e) => e.code).sort(), [
      'already-enrolled',
      'bad-request',
      'code-reused',
      'enrollment-expired',
      'grace-expired',
      'invalid-code',
      'locked',
      'method-not-allowed',
      'not-found',
      'totp-required',
      'unauthenticated',
      'unsupported-media-type',
    ]);
  });
});
