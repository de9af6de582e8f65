// Run the store contract suite against your own store (node:test here; mocha, vitest and jest
// work the same way). Give it an empty store each time, on a real engine, not a mock of one.
import { describe, it } from 'node:test';
import { postgresStore } from '@totp-gate/server/postgres';
import { runStoreContractTests } from '@totp-gate/server/testing';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL });

runStoreContractTests(
  'postgresStore on the test database',
  async () => {
    await pool.query('DROP TABLE IF EXISTS totp_sessions, totp_users');
    return postgresStore(pool); // created again for each test; close() leaves your pool open
  },
  { describe, it },
);
