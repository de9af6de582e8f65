/**
 * The admin API suite (S60–S66) over the shared stores, each against a real server started for
 * this file: PostgreSQL (a pg.Pool) and Redis (a client pool). Where a server is missing the
 * suite is skipped locally and fails under CI (see `test/servers.ts`).
 */
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createClientPool } from 'redis';
import { postgresStore } from './stores/postgres.js';
import { redisStore, type RedisPool } from './stores/redis.js';
import { runAdminSuite } from './test/admin-suite.js';
import { startPostgres, startRedis } from './test/servers.js';

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
let pool: pg.Pool;
let redisPool: RedisPool & { connect(): Promise<unknown>; close(): Promise<unknown> };

before(async () => {
  if (postgres.server) pool = new pg.Pool({ connectionString: postgres.server.url, max: 10 });
  if (redis.server) {
    redisPool = createClientPool({ url: redis.server.url }, { maximum: 10 }) as unknown as typeof redisPool;
    await redisPool.connect();
  }
});
after(async () => {
  await pool?.end();
  await redisPool?.close();
  await Promise.all([postgres.server?.stop(), redis.server?.stop()]);
});

describe('admin API over PostgreSQL', { skip: postgres.skip ?? false }, () => {
  runAdminSuite(
    'postgresStore',
    async () => {
      await pool.query('DROP TABLE IF EXISTS totp_sessions, totp_users');
      return { store: postgresStore(pool), cleanup: () => undefined };
    },
    { describe, it },
  );
});

describe('admin API over Redis', { skip: redis.skip ?? false }, () => {
  runAdminSuite(
    'redisStore',
    async () => {
      await redisPool.sendCommand(['FLUSHDB']);
      return { store: redisStore(redisPool), cleanup: () => undefined };
    },
    { describe, it },
  );
});
