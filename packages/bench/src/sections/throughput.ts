/**
 * Server throughput over real HTTP: TOTP codes answered per second by servers in child processes
 * on 127.0.0.1, loaded by autocannon, rows interleaved round by round so a noisy moment hurts
 * every row alike. Each round measures wrong codes at 32 connections, then at 1, then right codes
 * at 32. The rows:
 *
 * - the floor (http/servers/floor.ts): plain node:http, JSON, 3 × HMAC-SHA1, one SQLite
 *   transaction per check (a failure counted, or a right code's step recorded);
 * - a typical hand-rolled endpoint (http/servers/express-otplib.ts): Express + otplib + the same
 *   SQLite counter (wrong codes only: it keeps no used step, so its right code is no peer);
 * - TOTP Gate (http/servers/totp-gate.ts): `toNodeHandler` + a store, default policy, once per
 *   store: SQLite (a file), PostgreSQL and Redis (throw-away servers started here, as the server's
 *   tests start them, loaded with the same users, and stopped after). A database server that
 *   cannot start leaves its rows in the table with the reason.
 *
 * A store row is one entry in SERVERS below plus its factory in STORES of
 * http/servers/totp-gate.ts. Every user receives at most 4 wrong codes in the whole section (the
 * default policy locks at 5) and its right code once: the section plans the users from the request
 * counts, and reports any answer other than the expected one (a 429 would mean someone was locked).
 *
 * Every server runs the built packages (the section builds core and server first) and, on a
 * machine with two or more CPUs, pinned to a core of its own, away from autocannon (http/cores.ts).
 *
 * Secondary rows, in-process: `actions.verify` with the memory store next to a raw 3 × HMAC loop,
 * the service's own cost without HTTP, timed by tinybench.
 *
 * One file past 300 lines because planning the users (so nobody is locked), starting and stopping
 * the servers and interleaving the rounds are one procedure: the rounds can only be interleaved
 * fairly when one loop owns every row.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBase32 } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore, type Identity, type TotpStore } from '@totp-gate/server';
import { postgresStore } from '@totp-gate/server/postgres';
import { redisStore } from '@totp-gate/server/redis';
import { startPostgres, startRedis, type Started } from '../../../server/src/test/servers.js';
import type { ChildMessage } from '../http/child.js';
import { copyInto, makeFixture, type Fixture } from '../http/fixture.js';
import { measure, type UserCursor } from '../http/load.js';
import { chooseCores, pinLoadGenerator, startNode, type Cores } from '../http/cores.js';
import { BENCH_DIR, ROOT } from '../paths.js';
import { logger, runSection, savePartial, timeInProcess } from '../section.js';
import type { HttpRow, InProcessRow, ThroughputResult } from '../types.js';

const log = logger('throughput');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/**
 * Requests per wrong-code run at 32 connections; c=1 runs and right-code runs get a quarter. With
 * 5 rounds this keeps the users under the 10,000 keys TOTP Gate keeps unsealed, with every user
 * warmed up (see `users` below).
 */
const AMOUNT = Number(process.env.BENCH_HTTP_REQUESTS ?? 4_000);
const LIMIT_SECONDS = 15;
/** Right codes sent to each server before the rounds (the wrong-code warm-up reaches every user). */
const RIGHT_WARMUP = 400;
/** What one round measures of every server, in order. */
const RUNS = [
  { code: 'wrong', connections: 32, amount: AMOUNT },
  { code: 'wrong', connections: 1, amount: AMOUNT / 4 },
  { code: 'right', connections: 32, amount: AMOUNT / 4 },
] as const;
/** The default policy locks at the 5th failure: 4 wrong codes per user at most. */
const PER_USER = 4;

/** What a server needs before it starts: its arguments, and what to stop after the section. */
interface Prepared {
  args: string[];
  stop?: () => Promise<void>;
}

interface ServerSpec {
  id: string;
  label: string;
  kind: HttpRow['kind'];
  entry: string;
  /** Whether it is measured with right codes too. */
  right: boolean;
  /** Its arguments for the child, given the fixture and a folder for private copies. */
  prepare(fixture: Fixture, dir: string): Prepared | Promise<Prepared>;
}

function copy(from: string, dir: string, name: string): string {
  const to = join(dir, name);
  copyFileSync(from, to);
  return to;
}

/**
 * A throw-away database server loaded with the fixture's users for a TOTP Gate child. Throws
 * with the reason when it cannot start (the row is then reported as not run).
 */
async function databaseServer(
  kind: 'postgres' | 'redis',
  start: () => Promise<Started>,
  open: (url: string) => TotpStore,
  fixture: Fixture,
): Promise<Prepared> {
  const started = await start();
  if (!started.server) throw new Error(started.skip);
  const { url, stop } = started.server;
  const store = open(url);
  try {
    const began = performance.now();
    await copyInto(fixture, store);
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    log(`${kind}: ${fixture.users.toLocaleString('en-US')} users copied in ${seconds} s`);
    return { args: [kind, url, fixture.encryptionKey], stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await store.close?.();
  }
}

const SERVERS: ServerSpec[] = [
  {
    id: 'floor',
    label: 'floor: plain node:http, JSON, 3 × HMAC-SHA1, one SQLite transaction per check',
    kind: 'floor',
    entry: 'floor.ts',
    right: true,
    prepare: (f, dir) => ({ args: [copy(f.plainDb, dir, 'floor.sqlite')] }),
  },
  {
    id: 'express-otplib',
    label: 'Express 5 + otplib 13 `verifySync` + the same SQLite counter',
    kind: 'peer',
    entry: 'express-otplib.ts',
    right: false,
    prepare: (f, dir) => ({ args: [copy(f.plainDb, dir, 'express.sqlite')] }),
  },
  {
    id: 'totp-gate-sqlite',
    label: 'TOTP Gate `toNodeHandler` + `sqliteStore` (file, WAL)',
    kind: 'ours',
    entry: 'totp-gate.ts',
    right: true,
    prepare: (f, dir) => ({ args: ['sqlite', copy(f.totpGateDb, dir, 'ours.sqlite'), f.encryptionKey] }),
  },
  {
    id: 'totp-gate-postgres',
    label: 'TOTP Gate `toNodeHandler` + `postgresStore` (PostgreSQL on 127.0.0.1, fsync off)',
    kind: 'ours',
    entry: 'totp-gate.ts',
    right: true,
    prepare: (f) => databaseServer('postgres', startPostgres, (url) => postgresStore(url), f),
  },
  {
    id: 'totp-gate-redis',
    label: 'TOTP Gate `toNodeHandler` + `redisStore` (Redis on 127.0.0.1, AOF on)',
    kind: 'ours',
    entry: 'totp-gate.ts',
    right: true,
    prepare: (f) => databaseServer('redis', startRedis, (url) => redisStore(url), f),
  },
];

interface Running {
  spec: ServerSpec;
  child: ChildProcess;
  port: number;
  cursors: Record<HttpRow['code'], UserCursor>;
  stop?: () => Promise<void>;
}

/**
 * Starts a server child. It runs the built packages, as a host installs them (tsx only compiles
 * the bench's own server file): `buildPackages` runs first.
 */
function start(spec: ServerSpec, fixture: Fixture, args: string[], cores: Cores | null): Promise<Running> {
  const child = startNode(join(BENCH_DIR, 'src/http/servers', spec.entry), args, ['--import', 'tsx'], cores);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${spec.id} did not start within 60 s`));
    }, 60_000);
    child.once('exit', (code) => reject(new Error(`${spec.id} exited with code ${code}`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const cursors = {
        wrong: { next: 0, users: fixture.users, codes: fixture.wrong },
        right: { next: 0, users: fixture.users, codes: fixture.right },
      };
      resolve({ spec, child, port: message.port, cursors });
    });
  });
}

/** The in-process reference: three HMAC-SHA1 and a comparison, per call, nothing else. */
function rawPass(key: Buffer, calls: number): void {
  const message = Buffer.alloc(8);
  let sink = 0;
  for (let i = 0; i < calls; i++) {
    for (let delta = -1; delta <= 1; delta++) {
      message.writeUInt32BE(0, 0);
      message.writeUInt32BE(59_000_000 + i + delta, 4);
      sink ^= createHmac('sha1', key).update(message).digest()[0]!;
    }
  }
  if (sink === -1) log('unreachable');
}

/** A memory-store service with enrolled users and a wrong code for each, enough for `calls` checks. */
async function enrolledService(calls: number) {
  const T0 = Date.UTC(2026, 0, 1, 12);
  const clock = { now: T0 };
  const service = createTotpService({
    store: memoryStore(),
    issuer: 'Bench',
    identify: () => null,
    now: () => clock.now,
    encryptionKey: randomBytes(32),
    onAudit: () => undefined,
  });
  const users: Identity[] = [];
  const wrong: string[] = [];
  for (let i = 0; i < Math.ceil(calls / PER_USER); i++) {
    const user = { userId: `u${i}`, sessionId: `s${i}`, account: `u${i}@example.com` };
    const key = decodeBase32(((await service.actions.startEnrollment(user)).body as { secret: string }).secret);
    await service.actions.confirmEnrollment(user, { code: totp(key, T0) });
    const valid = new Set([1, 2, 3].map((d) => totp(key, T0 + d * 30_000)));
    let n = 0;
    while (valid.has(String(n).padStart(6, '0'))) n++;
    users.push(user);
    wrong.push(String(n).padStart(6, '0'));
  }
  clock.now += 60_000;
  return { service, users, wrong };
}

/** `actions.verify` with the memory store: the service's whole check without HTTP, `calls` wrong codes. */
async function verifyPass(prepared: Awaited<ReturnType<typeof enrolledService>>, calls: number): Promise<void> {
  const { service, users, wrong } = prepared;
  for (let i = 0; i < calls; i++) {
    const u = i % users.length;
    const answer = await service.actions.verify(users[u]!, { code: wrong[u]! });
    if (answer.status !== 400) throw new Error(`expected 400 invalid-code, got ${answer.status}`);
  }
}

/**
 * Both in-process rows, timed by tinybench (one warm-up pass, then a pass per round). Each
 * `actions.verify` pass gets fresh users, made untimed before it: a user takes at most 4 wrong codes.
 */
async function inProcess(): Promise<InProcessRow[]> {
  const calls = 10_000;
  const key = randomBytes(20);
  const perSecond = (ms: number) => calls / (ms / 1000);
  const options = { passes: ROUNDS, warmup: 1 };
  const raw = await timeInProcess('raw 3 × HMAC-SHA1', () => rawPass(key, calls), options);
  let prepared: Awaited<ReturnType<typeof enrolledService>> | undefined;
  const actions = await timeInProcess('actions.verify', () => verifyPass(prepared!, calls), {
    ...options,
    beforeEach: async () => {
      prepared = await enrolledService(calls);
    },
  });
  return [
    {
      id: 'raw',
      label: 'raw node:crypto: 3 × HMAC-SHA1 + truncation, in a loop',
      perSecond: perSecond(raw.medianMs),
      runs: raw.passesMs.map(perSecond),
    },
    {
      id: 'actions',
      label: 'TOTP Gate `actions.verify`, memory store, no HTTP',
      perSecond: perSecond(actions.medianMs),
      runs: actions.passesMs.map(perSecond),
    },
  ];
}

/** Builds core and server, so the children measure the code in this checkout's dist/. */
function buildPackages(): void {
  execFileSync('npm', ['run', 'build', '-w', '@totp-gate/core', '-w', '@totp-gate/server'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

await runSection(async (): Promise<ThroughputResult> => {
  const inRounds = (code: HttpRow['code']) =>
    ROUNDS * RUNS.filter((run) => run.code === code).reduce((sum, run) => sum + run.amount, 0);
  // Wrong codes go round every user, at most 4 each, the first in the warm-up: every round then
  // finds every server in the same state (TOTP Gate has unsealed every user's key, every store
  // has read every row once), rather than the first round alone paying for the first reads.
  // Each right code is sent once.
  const users = Math.max(Math.ceil(inRounds('wrong') / (PER_USER - 1)), RIGHT_WARMUP + inRounds('right')) + 100;
  const warmup = (code: HttpRow['code']) => (code === 'right' ? RIGHT_WARMUP : users);
  if (users > 10_000) log(`${users} users: more than TOTP Gate keeps unsealed, so its checks also unseal keys`);
  const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-http-'));
  const running: Running[] = [];
  const rows: HttpRow[] = SERVERS.flatMap((spec) =>
    RUNS.filter((run) => spec.right || run.code === 'wrong').map((run) => ({
      id: spec.id,
      label: spec.label,
      kind: spec.kind,
      code: run.code,
      connections: run.connections,
      runs: [],
    })),
  );
  const cores = chooseCores();
  const result: ThroughputResult = {
    http: rows,
    users,
    rounds: ROUNDS,
    amount: AMOUNT,
    inProcess: [],
    cores,
  };
  // First, so that a section stopped by its time limit still reports them.
  result.inProcess = await inProcess();
  log('in-process rows done');
  try {
    log('building @totp-gate/core and @totp-gate/server');
    buildPackages();
    log(`enrolling ${users.toLocaleString('en-US')} users (TOTP Gate's actions, SQLite)`);
    const fixture = await makeFixture(dir, users, log);
    for (const spec of SERVERS) {
      let prepared: Prepared | undefined;
      try {
        prepared = await spec.prepare(fixture, dir);
        running.push({ ...(await start(spec, fixture, prepared.args, cores)), stop: prepared.stop });
      } catch (error) {
        await prepared?.stop?.();
        const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        log(`${spec.id} not run: ${reason}`);
        for (const row of rows) if (row.id === spec.id) row.skipped = reason;
      }
    }
    // After the database servers started (they are not pinned), before any load.
    if (cores) {
      pinLoadGenerator(cores);
      log(`servers pinned to CPU ${cores.server}, the load generator to CPU ${cores.loadGenerator}`);
    } else log('nothing pinned (one CPU, or no taskset)');
    for (const server of running) {
      for (const code of ['wrong', 'right'] as const) {
        if (code === 'right' && !server.spec.right) continue;
        await measure(server.child, server.port, server.cursors[code], {
          connections: 32,
          amount: warmup(code),
          limitSeconds: LIMIT_SECONDS,
        });
      }
    }
    log('warmed up');
    for (let round = 0; round < ROUNDS; round++) {
      for (const run of RUNS) {
        // A different server goes first each round, so none always follows the same neighbour.
        for (let i = 0; i < running.length; i++) {
          const server = running[(i + round) % running.length]!;
          const row = rows.find(
            (r) => r.id === server.spec.id && r.code === run.code && r.connections === run.connections,
          );
          if (!row) continue;
          const figures = await measure(server.child, server.port, server.cursors[run.code], {
            connections: run.connections,
            amount: run.amount,
            limitSeconds: LIMIT_SECONDS,
          });
          row.runs.push(figures);
          log(
            `round ${round + 1}/${ROUNDS} ${run.code} c=${run.connections} ${server.spec.id}: ${Math.round(figures.perSecond)} req/s, ` +
              `p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.cpuMicros.toFixed(0)} µs CPU/req`,
          );
        }
      }
      savePartial(result);
    }
  } finally {
    for (const server of running) {
      if (server.child.exitCode === null) {
        const exited = new Promise((resolve) => server.child.once('exit', resolve));
        server.child.disconnect();
        await exited;
      }
      await server.stop?.();
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
});
