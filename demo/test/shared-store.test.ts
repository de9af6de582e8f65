/**
 * `DEMO_STORE`: the demo keeps its TOTP state in a shared PostgreSQL or Redis when asked (real
 * servers, started for this file), SQLite otherwise, and refuses a URL it cannot use.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { postgresStore } from '@totp-gate/server/postgres';
import { redisStore } from '@totp-gate/server/redis';
import type { TotpStore } from '@totp-gate/server';
import { createDemoApi } from '../server/app.js';
import { startPostgres, startRedis } from '../../packages/server/src/test/servers.js';

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const dir = mkdtempSync(join(tmpdir(), 'demo-shared-store-'));
after(async () => {
  await Promise.all([postgres.server?.stop(), redis.server?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Signs alice in and starts her enrollment through the demo API; the shared store must hold it. */
async function enrollsThrough(url: string, name: string, reader: TotpStore): Promise<void> {
  const api = createDemoApi({ dbPath: join(dir, `${name}.sqlite`), store: url, quiet: true });
  try {
    assert.match(api.storeWhere, name === 'postgres' ? /^PostgreSQL / : /^Redis /);
    const post = (path: string, body: unknown, cookie = '') =>
      api.fetch(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        }),
      );
    const login = (await post('/api/login', { username: 'alice', password: 'demo' }))!;
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const enrollment = (await post('/api/totp/enrollment', {}, cookie))!;
    assert.equal(enrollment.status, 200, await enrollment.clone().text());
    assert.notEqual(await reader.getUser('alice'), null, 'the enrollment is in the shared store');
  } finally {
    api.close();
    await reader.close?.();
  }
}

describe('DEMO_STORE', () => {
  it('keeps the TOTP state in PostgreSQL for a postgres:// URL', { skip: postgres.skip ?? false }, async () => {
    await enrollsThrough(postgres.server!.url, 'postgres', postgresStore(postgres.server!.url));
  });

  it('keeps the TOTP state in Redis for a redis:// URL', { skip: redis.skip ?? false }, async () => {
    await enrollsThrough(redis.server!.url, 'redis', redisStore(redis.server!.url));
  });

  it('uses the SQLite file by default and refuses a URL it cannot use, printing no password', () => {
    const api = createDemoApi({ dbPath: join(dir, 'default.sqlite'), quiet: true });
    assert.match(api.storeWhere, /^SQLite /);
    api.close();
    assert.throws(
      () => createDemoApi({ dbPath: join(dir, 'bad.sqlite'), store: 'mysql://root:hunter2@db/app', quiet: true }),
      (error: Error) => /DEMO_STORE must be/.test(error.message) && !error.message.includes('hunter2'),
    );
  });
});
