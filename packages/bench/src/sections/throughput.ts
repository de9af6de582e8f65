/**
 * Server throughput over real HTTP: wrong TOTP codes answered per second by servers in child
 * processes on 127.0.0.1, loaded by autocannon (32 connections, then 1), rows interleaved round
 * by round so a noisy moment hurts every row alike. The rows:
 *
 * - the floor (http/servers/floor.ts): plain node:http, JSON, 3 × HMAC-SHA1, one SQLite
 *   transaction per failure;
 * - a typical hand-rolled endpoint (http/servers/express-otplib.ts): Express + otplib + the same
 *   SQLite counter;
 * - TOTP Gate (http/servers/totp-gate.ts): `toNodeHandler` + a store, default policy.
 *
 * A store row (PostgreSQL, Redis) is one entry in SERVERS below with `store` set, plus its
 * factory in STORES of http/servers/totp-gate.ts. Every user receives at most 4 wrong codes in the
 * whole section (the default policy locks at 5): the section plans the users from the request
 * counts, and reports any answer that is not 400 (a 429 would mean someone was locked).
 *
 * Secondary rows, in-process: `actions.verify` with the memory store next to a raw 3 × HMAC loop,
 * the service's own cost without HTTP.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBase32 } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore, type Identity } from '@totp-gate/server';
import type { ChildMessage } from '../http/child.js';
import { makeFixture, type Fixture } from '../http/fixture.js';
import { measure, type UserCursor } from '../http/load.js';
import { BENCH_DIR } from '../paths.js';
import { logger, median, runSection, savePartial } from '../section.js';
import type { HttpRow, InProcessRow, ThroughputResult } from '../types.js';

const log = logger('throughput');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Requests per run at 32 connections; c=1 runs get a quarter. */
const AMOUNT = Number(process.env.BENCH_HTTP_REQUESTS ?? 6_000);
const LIMIT_SECONDS = 15;
const WARMUP = 1_500;
const CONCURRENCY = [32, 1] as const;
/** The default policy locks at the 5th failure: 4 wrong codes per user at most. */
const PER_USER = 4;

interface ServerSpec {
  id: string;
  label: string;
  kind: HttpRow['kind'];
  entry: string;
  /** The arguments for the child, given the fixture and a private copy of its database. */
  args(fixture: Fixture, dir: string): string[];
}

function copy(from: string, dir: string, name: string): string {
  const to = join(dir, name);
  copyFileSync(from, to);
  return to;
}

const SERVERS: ServerSpec[] = [
  {
    id: 'floor',
    label: 'floor: plain node:http, JSON, 3 × HMAC-SHA1, one SQLite transaction per failure',
    kind: 'floor',
    entry: 'floor.ts',
    args: (f, dir) => [copy(f.plainDb, dir, 'floor.sqlite')],
  },
  {
    id: 'express-otplib',
    label: 'Express 5 + otplib 13 `verifySync` + the same SQLite counter',
    kind: 'peer',
    entry: 'express-otplib.ts',
    args: (f, dir) => [copy(f.plainDb, dir, 'express.sqlite')],
  },
  {
    id: 'totp-gate-sqlite',
    label: 'TOTP Gate `toNodeHandler` + `sqliteStore` (file, WAL)',
    kind: 'ours',
    entry: 'totp-gate.ts',
    args: (f, dir) => ['sqlite', copy(f.totpGateDb, dir, 'ours.sqlite'), f.encryptionKey],
  },
];

interface Running {
  spec: ServerSpec;
  child: ChildProcess;
  port: number;
  cursor: UserCursor;
}

function start(spec: ServerSpec, fixture: Fixture, dir: string): Promise<Running> {
  const child = fork(join(BENCH_DIR, 'src/http/servers', spec.entry), spec.args(fixture, dir), {
    execArgv: ['--conditions=@totp-gate/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.id} did not start within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${spec.id} exited with code ${code}`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const cursor: UserCursor = { next: 0, users: fixture.users, wrong: fixture.wrong };
      resolve({ spec, child, port: message.port, cursor });
    });
  });
}

/** The in-process reference: three HMAC-SHA1 and a comparison, per call, nothing else. */
function rawLoop(calls: number): number {
  const key = randomBytes(20);
  const message = Buffer.alloc(8);
  let sink = 0;
  const startedAt = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    for (let delta = -1; delta <= 1; delta++) {
      message.writeUInt32BE(0, 0);
      message.writeUInt32BE(59_000_000 + i + delta, 4);
      sink ^= createHmac('sha1', key).update(message).digest()[0]!;
    }
  }
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  if (sink === -1) log('unreachable');
  return calls / seconds;
}

/** `actions.verify` with the memory store: the service's whole check without HTTP. */
async function actionsLoop(calls: number): Promise<number> {
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
  const startedAt = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const u = i % users.length;
    const answer = await service.actions.verify(users[u]!, { code: wrong[u]! });
    if (answer.status !== 400) throw new Error(`expected 400 invalid-code, got ${answer.status}`);
  }
  return calls / (Number(process.hrtime.bigint() - startedAt) / 1e9);
}

async function inProcess(): Promise<InProcessRow[]> {
  const calls = 10_000;
  const raw: number[] = [];
  const actions: number[] = [];
  rawLoop(calls);
  await actionsLoop(2_000);
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(rawLoop(calls));
    actions.push(await actionsLoop(calls));
  }
  return [
    { id: 'raw', label: 'raw node:crypto: 3 × HMAC-SHA1 + truncation, in a loop', perSecond: median(raw), runs: raw },
    {
      id: 'actions',
      label: 'TOTP Gate `actions.verify`, memory store, no HTTP',
      perSecond: median(actions),
      runs: actions,
    },
  ];
}

await runSection(async (): Promise<ThroughputResult> => {
  const perServer = WARMUP + ROUNDS * CONCURRENCY.reduce((sum, c) => sum + (c === 1 ? AMOUNT / 4 : AMOUNT), 0);
  const users = Math.ceil(perServer / PER_USER) + 100;
  const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-http-'));
  const running: Running[] = [];
  const rows: HttpRow[] = SERVERS.flatMap((spec) =>
    CONCURRENCY.map((connections) => ({ id: spec.id, label: spec.label, kind: spec.kind, connections, runs: [] })),
  );
  const result: ThroughputResult = { http: rows, users, rounds: ROUNDS, amount: AMOUNT, inProcess: [] };
  // First, so that a section stopped by its time limit still reports them.
  result.inProcess = await inProcess();
  log('in-process rows done');
  try {
    log(`enrolling ${users.toLocaleString('en-US')} users (TOTP Gate's actions, SQLite)`);
    const fixture = await makeFixture(dir, users, log);
    for (const spec of SERVERS) running.push(await start(spec, fixture, dir));
    for (const server of running) {
      await measure(server.child, server.port, server.cursor, {
        connections: 32,
        amount: WARMUP,
        limitSeconds: LIMIT_SECONDS,
      });
    }
    log('warmed up');
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONCURRENCY) {
        // A different server goes first each round, so none always follows the same neighbour.
        for (let i = 0; i < running.length; i++) {
          const server = running[(i + round) % running.length]!;
          const amount = connections === 1 ? AMOUNT / 4 : AMOUNT;
          const figures = await measure(server.child, server.port, server.cursor, {
            connections,
            amount,
            limitSeconds: LIMIT_SECONDS,
          });
          rows.find((r) => r.id === server.spec.id && r.connections === connections)!.runs.push(figures);
          log(
            `round ${round + 1}/${ROUNDS} c=${connections} ${server.spec.id}: ${Math.round(figures.perSecond)} req/s, ` +
              `p99 ${figures.p99} ms, ${figures.cpuMicros.toFixed(0)} µs CPU/req`,
          );
        }
      }
      savePartial(result);
    }
  } finally {
    for (const server of running) server.child.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
});
