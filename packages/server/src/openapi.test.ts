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

describe('OpenAPI document of the REST contract', () => {
  it('describes every status and body the real server answers, for every operation', async () => {
    let now = Date.UTC(2026, 0, 15, 9, 30);
    let session = 's1';
    const service = createTotpService({
      store: memoryStore(),
      issuer: 'Acme',
      basePath: '/api/totp',
      now: () => now,
      identify: (request) =>
        request.headers.get('x-user') ? { userId: 'alice', sessionId: session, account: 'alice@example.com' } : null,
    });
    const seen = new Set<string>();
    async function call(method: 'get' | 'post', path: string, body?: unknown, signedIn = true): Promise<any> {
      const headers: Record<string, string> = signedIn ? { 'x-user': 'alice' } : {};
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
      assert.ok(operation.responses[status], `${method} ${path} → ${status} is documented: ${JSON.stringify(json)}`);
      const validate = ajv.getSchema(
        `openapi#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`,
      )!;
      assert.ok(
        validate(json),
        `${method} ${path} → ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(json)}`,
      );
      seen.add(`${method} ${path}`);
      return json;
    }

    await call('get', '/status', undefined, false);
    assert.equal((await call('get', '/status')).state, 'enrollment-required');
    await call('post', '/enrollment', 'not json');
    await call('post', '/defer');
    const { secret } = await call('post', '/enrollment');
    await call('post', '/enrollment/confirm', { code: 'abc' });
    await call('post', '/enrollment/confirm', { code: totp(secret, now - 10 * 60_000) });
    const { recoveryCodes } = await call('post', '/enrollment/confirm', { code: totp(secret, now) });
    await call('post', '/enrollment');
    session = 's2';
    now += 60_000;
    await call('post', '/verify', { code: totp(secret, now) });
    await call('post', '/verify', { code: totp(secret, now) });
    session = 's3';
    await call('post', '/recovery', { code: recoveryCodes[0] });
    session = 's4';
    for (let i = 0; i < 6; i++) await call('post', '/verify', { code: totp(secret, now - 10 * 60_000) });
    await call('post', '/recovery', { code: recoveryCodes[1] });

    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    assert.deepEqual([...seen].sort(), operations.sort(), 'every documented operation was exercised');
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
