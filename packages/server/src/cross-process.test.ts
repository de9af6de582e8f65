/**
 * S48 for real: four Node processes, each with its own store object and connections, share one
 * PostgreSQL database, then one Redis, then one SQLite file. At one moment each sends the same
 * valid code for one user and a burst of wrong codes for another: exactly one success in all,
 * and the failure count is exact.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createClientPool } from 'redis';
import pg from 'pg';
import type { TotpStore } from './index.js';
import { postgresStore } from './stores/postgres.js';
import { redisStore } from './stores/redis.js';
import { sqliteStore } from './stores/sqlite.js';
import { codeAt, enrolled, makeHarness, STEP, wrongCode } from './test/harness.js';
import { startPostgres, startRedis } from './test/servers.js';

const PROCESSES = 4;
const WRONG_PER_PROCESS = 10;

class Worker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: AsyncIterator<string>;

  constructor() {
    const script = fileURLToPath(new URL('./test/cross-process-worker.ts', import.meta.url));
    this.child = spawn(process.execPath, ['--conditions=@totp-gate/source', '--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    this.child.stderr.pipe(process.stderr);
    this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ask(command: unknown): Promise<any> {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    const { value, done } = await this.replies.next();
    if (done) throw new Error('a worker process ended early');
    const reply = JSON.parse(value);
    if (reply.error) throw new Error(`worker: ${reply.error}`);
    return reply;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

const postgres = await startPostgres();
const redis = await startRedis();
const dir = mkdtempSync(join(tmpdir(), 'totp-cross-process-'));
let workers: Worker[] = [];

before(() => {
  workers = Array.from({ length: PROCESSES }, () => new Worker());
});
after(async () => {
  for (const worker of workers) worker.stop();
  await postgres.server?.stop();
  await redis.server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the race on `store`, then closes it, whatever the outcome. */
async function race(kind: string, target: string, store: TotpStore): Promise<void> {
  try {
    await raceOn(kind, target, store);
  } finally {
    await store.close?.();
  }
}

async function raceOn(kind: string, target: string, store: TotpStore): Promise<void> {
  const h = makeHarness(store);
  h.clock.now = Math.floor(Date.now() / STEP) * STEP + 5_000;
  const alice = await enrolled(h, 'alice');
  const bob = await enrolled(h, 'bob');
  const now = h.clock.now + STEP;
  const valid = codeAt(alice.secret, now);
  const wrong = wrongCode(bob.secret, now, 2);

  await Promise.all(workers.map((worker) => worker.ask({ open: { kind, target, now } })));
  const replies = await Promise.all(
    workers.map((worker) =>
      worker.ask({ fire: { valid: ['alice', valid], wrong: ['bob', wrong, WRONG_PER_PROCESS] } }),
    ),
  );
  await Promise.all(workers.map((worker) => worker.ask({ close: true })));

  const validAnswers = replies.map((reply) => reply.valid as string).sort();
  assert.deepEqual(validAnswers, ['400 code-reused', '400 code-reused', '400 code-reused', 'ok']);
  const wrongAnswers: string[] = replies.flatMap((reply) => reply.wrong);
  assert.deepEqual(new Set(wrongAnswers), new Set(['400 invalid-code']));
  assert.equal(wrongAnswers.length, PROCESSES * WRONG_PER_PROCESS);
  assert.equal((await store.getUser('bob'))?.failures, PROCESSES * WRONG_PER_PROCESS, 'every wrong code counted once');
  assert.equal((await store.getUser('alice'))?.failures, 0, 'a reused code is not counted');
}

const TITLE = `${PROCESSES} processes send one valid code and ${PROCESSES * WRONG_PER_PROCESS} wrong codes at once: one success, every failure counted`;

describe('S48 processes sharing one store', () => {
  it(`S48 PostgreSQL: ${TITLE}`, { skip: postgres.skip ?? false }, async () => {
    const url = postgres.server!.url;
    const setup = new pg.Pool({ connectionString: url });
    await setup.query('DROP TABLE IF EXISTS totp_sessions, totp_users');
    await setup.end();
    const store = postgresStore(url);
    await race('postgres', url, store);
  });

  it(`S48 Redis: ${TITLE}`, { skip: redis.skip ?? false }, async () => {
    const url = redis.server!.url;
    const setup = createClientPool({ url });
    await setup.connect();
    await setup.sendCommand(['FLUSHDB']);
    await setup.close();
    const store = redisStore(url);
    await race('redis', url, store);
  });

  it(`S48 SQLite file: ${TITLE}`, async () => {
    const path = join(dir, 'shared.sqlite');
    const store = sqliteStore(path);
    await race('sqlite', path, store);
  });
});
