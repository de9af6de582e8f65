/**
 * `npm run bench:server`: wrong-code verifications per second, next to a raw node:crypto loop.
 *
 * raw  the same three HMAC-SHA1 computations a wrong code costs with window 1, nothing else
 * (a)  service.actions.verify with the memory store (no HTTP)
 * (b)  service.handle(Request) with the memory store
 * (c)  service.handle(Request) with the SQLite store (a temporary file, WAL, synchronous=NORMAL)
 *
 * Every measured call is a full wrong-code check: lock check, three HMACs, constant-time
 * comparison, failure count written, audit event built and delivered to a no-op sink, error
 * answer built. The default lockout would lock a user after 5 wrong codes and the check would then
 * stop before the HMACs, so each user receives at most 4 wrong codes: the calls cycle over
 * enough enrolled users. Requests for (b) and (c) are built before the clock starts (building a
 * Request with a body is the host's cost, ~18 µs in Node 20's undici) and answers are read.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeBase32 } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, memoryStore, sqliteStore, type Identity, type TotpStore } from '../src/index.js';

const RUNS = 5;
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const PER_USER = 4;
const SLICE = 250;
const USERS = Math.ceil(CALLS / PER_USER);
const T0 = Date.UTC(2026, 0, 1);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rawKey = randomBytes(20);
const rawMessage = Buffer.alloc(8);
let rawSink = 0;

/** One wrong-code's worth of raw work: three HMAC-SHA1 over consecutive steps. */
function rawCheck(i: number): void {
  const step = 59_000_000 + i;
  for (let delta = -1; delta <= 1; delta++) {
    rawMessage.writeUInt32BE(0, 0);
    rawMessage.writeUInt32BE(step + delta, 4);
    const mac = createHmac('sha1', rawKey).update(rawMessage).digest();
    rawSink ^= mac[mac[19]! & 0x0f]!;
  }
}

interface Setup {
  service: ReturnType<typeof createTotpService>;
  users: Identity[];
  wrongCodes: string[];
  clock: { now: number };
  /** Whom `identify()` returns: set before each request, as a host's cookie lookup would find. */
  signedIn: { current: Identity | null };
  /** The SQLite file, for the SQLite store. */
  path?: string;
  close(): void;
}

async function setup(store: TotpStore, path?: string): Promise<Setup> {
  const clock = { now: T0 };
  const signedIn = { current: null as Identity | null };
  const service = createTotpService({
    store,
    issuer: 'Bench',
    identify: () => signedIn.current,
    now: () => clock.now,
    encryptionKey: randomBytes(32),
    onAudit: () => undefined,
  });
  const users: Identity[] = [];
  const wrongCodes: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const user = { userId: `user-${i}`, sessionId: `session-${i}`, account: `user${i}@example.com` };
    const started = (await service.actions.startEnrollment(user)).body as { secret: string };
    const code = totp(decodeBase32(started.secret), clock.now);
    const confirmed = await service.actions.confirmEnrollment(user, { code });
    if (confirmed.status !== 200) throw new Error(`setup failed: ${JSON.stringify(confirmed.body)}`);
    users.push(user);
    // A code that matches none of the three steps, so the check is a real wrong code.
    const valid = new Set([-1, 0, 1].map((d) => totp(decodeBase32(started.secret), clock.now + d * 30_000)));
    let wrong = 0;
    while (valid.has(String(wrong).padStart(6, '0'))) wrong++;
    wrongCodes.push(String(wrong).padStart(6, '0'));
  }
  return {
    service,
    users,
    wrongCodes,
    clock,
    signedIn,
    path,
    close: () => void store.close?.(),
  };
}

/** CPU time of this process in ns: time spent descheduled on a busy machine does not count. */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1000;
}

type Kind = 'raw' | 'a' | 'b' | 'c' | 'floor' | 'sqlite';

/**
 * SQLite's share alone, no service: the same file settings as `sqliteStore` (WAL,
 * synchronous=NORMAL) and, per call, one `BEGIN IMMEDIATE` transaction that reads a user's JSON
 * row, parses it, counts a failure and writes it back: the write S20/S21 need for every wrong code.
 */
interface SqliteFloor {
  count(userIndex: number): void;
  close(): void;
}

function sqliteFloor(path: string, lite: Setup): SqliteFloor {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE users (user_id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const select = db.prepare<[string], { data: string }>('SELECT data FROM users WHERE user_id = ?');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO users (user_id, data) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET data = excluded.data',
  );
  // Rows the size of the service's own records: copied from the SQLite store the service filled.
  const source = new Database(lite.path!, { readonly: true });
  const rows = source.prepare<[], { user_id: string; data: string }>('SELECT user_id, data FROM totp_users').all();
  source.close();
  db.transaction(() => rows.forEach((row) => upsert.run(row.user_id, row.data)))();
  const ids = lite.users.map((u) => u.userId);
  const count = db.transaction((userId: string) => {
    const record = JSON.parse(select.get(userId)!.data) as { failures: number; lastFailureAt: number | null };
    record.failures += 1;
    record.lastFailureAt = Date.now();
    upsert.run(userId, JSON.stringify(record));
  });
  return { count: (i) => count.immediate(ids[i % ids.length]!), close: () => db.close() };
}

/**
 * One run: CALLS wrong codes of each kind, in interleaved slices of SLICE calls (raw, a, b, c,
 * raw, a, ...), so that a burst of load from elsewhere hits all four alike. Returns calls per
 * CPU-second for each kind.
 */
async function run(memA: Setup, memB: Setup, lite: Setup, floorDb: SqliteFloor): Promise<Record<Kind, number>> {
  const spent: Record<Kind, number> = { raw: 0, a: 0, b: 0, c: 0, floor: 0, sqlite: 0 };
  for (let offset = 0; offset < CALLS; offset += SLICE) {
    const end = Math.min(CALLS, offset + SLICE);
    const requestsB = requestsFor(memB, offset, end);
    const requestsC = requestsFor(lite, offset, end);
    const requestsF = requestsFor(memB, offset, end);

    let start = cpuNow();
    for (let i = offset; i < end; i++) rawCheck(i);
    spent.raw += cpuNow() - start;

    start = cpuNow();
    for (let i = offset; i < end; i++) {
      const u = i % USERS;
      const answer = await memA.service.actions.verify(memA.users[u]!, { code: memA.wrongCodes[u]! });
      if (answer.status !== 400) throw new Error(`(a) expected 400, got ${answer.status}`);
    }
    spent.a += cpuNow() - start;

    spent.b += await timeHandle(memB, requestsB, offset);
    spent.c += await timeHandle(lite, requestsC, offset);
    spent.floor += await timeFloor(requestsF);

    start = cpuNow();
    for (let i = offset; i < end; i++) floorDb.count(i);
    spent.sqlite += cpuNow() - start;
  }
  const rate = (ns: number) => CALLS / (ns / 1e9);
  return {
    raw: rate(spent.raw),
    a: rate(spent.a),
    b: rate(spent.b),
    c: rate(spent.c),
    floor: rate(spent.floor),
    sqlite: rate(spent.sqlite),
  };
}

function requestsFor(s: Setup, offset: number, end: number): Request[] {
  const requests: Request[] = [];
  for (let i = offset; i < end; i++) {
    requests.push(
      new Request('http://bench.local/api/totp/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"code":"${s.wrongCodes[i % USERS]}"}`,
      }),
    );
  }
  return requests;
}

/**
 * The platform's share alone, no service: read a request body through its stream, parse it, build
 * a JSON error Response with the same headers and read it back. What (b) and (c) cannot go below.
 */
async function timeFloor(requests: Request[]): Promise<number> {
  const start = cpuNow();
  for (const request of requests) {
    const reader = request.body!.getReader();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    const { code } = JSON.parse(text) as { code: string };
    const body = JSON.stringify({
      error: { code: 'invalid-code', message: code.length > 0 ? 'x' : '', attemptsLeft: 3 },
    });
    const response = new Response(body, {
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
    await response.arrayBuffer();
  }
  return cpuNow() - start;
}

async function timeHandle(s: Setup, requests: Request[], offset: number): Promise<number> {
  const start = cpuNow();
  for (let i = 0; i < requests.length; i++) {
    s.signedIn.current = s.users[(offset + i) % USERS]!;
    const response = await s.service.handle(requests[i]!);
    if (response.status !== 400) throw new Error(`expected 400, got ${response.status}`);
    await response.arrayBuffer();
  }
  return cpuNow() - start;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'totp-bench-'));
  try {
    const results = {
      raw: [] as number[],
      a: [] as number[],
      b: [] as number[],
      c: [] as number[],
      floor: [] as number[],
      sqlite: [] as number[],
    };
    // Rounds interleave the four measurements so that load from other processes on a shared
    // machine hits all of them alike; the first round only warms the JIT up and is not counted.
    for (let round = 0; round <= RUNS; round++) {
      const memA = await setup(memoryStore());
      const memB = await setup(memoryStore());
      const litePath = join(dir, `bench-${round}.sqlite`);
      const lite = await setup(sqliteStore(litePath), litePath);
      const floorDb = sqliteFloor(join(dir, `floor-${round}.sqlite`), lite);
      for (const s of [memA, memB, lite]) s.clock.now += 30_000;
      const rates = await run(memA, memB, lite, floorDb);
      lite.close();
      floorDb.close();
      if (round === 0) continue;
      for (const kind of ['raw', 'a', 'b', 'c', 'floor', 'sqlite'] as const) results[kind].push(rates[kind]);
    }
    const r = median(results.raw);
    const line = (name: string, values: number[], target: number) => {
      const m = median(values);
      const ratio = m / r;
      const verdict = ratio >= target ? 'meets' : 'BELOW';
      const rate = Math.round(m).toString().padStart(8);
      return `${name.padEnd(36)} ${rate} /s   ratio ${ratio.toFixed(2)}  (target >= ${target}: ${verdict})`;
    };
    console.log(
      `Node ${process.version}, ${CALLS} wrong codes per run, ${USERS} users, median of ${RUNS} runs, per CPU-second`,
    );
    console.log(`${'raw node:crypto, 3 x HMAC-SHA1'.padEnd(36)} ${Math.round(r).toString().padStart(8)} /s`);
    console.log(line('(a) actions.verify, memory store', results.a, 0.8));
    console.log(line('(b) handle(), memory store', results.b, 0.4));
    console.log(line('(c) handle(), SQLite store', results.c, 0.3));
    const floor = median(results.floor);
    console.log(
      `${'platform floor: body read + Response only'.padEnd(36)} ${Math.round(floor).toString().padStart(8)} /s   ` +
        `(Request/Response streams alone; no service)`,
    );
    const sqlite = median(results.sqlite);
    console.log(
      `${'SQLite floor: one counted failure'.padEnd(36)} ${Math.round(sqlite).toString().padStart(8)} /s   ` +
        `(BEGIN IMMEDIATE, read, parse, write, commit; no service)`,
    );
    const us = (rate: number) => 1e6 / rate;
    const perCall = (rate: number) => us(rate).toFixed(1);
    console.log(
      `per call (µs): raw ${perCall(r)}, a ${perCall(median(results.a))}, b ${perCall(median(results.b))}, ` +
        `c ${perCall(median(results.c))}, platform floor ${perCall(floor)}, SQLite floor ${perCall(sqlite)}`,
    );
    // The best ratio a service could reach if its own work cost nothing: the HMACs plus the floors.
    const ceilingB = us(r) / (us(r) + us(floor));
    const ceilingC = us(r) / (us(r) + us(floor) + us(sqlite));
    console.log(
      `ceiling with zero service code: (b) ${ceilingB.toFixed(2)} (target 0.4), (c) ${ceilingC.toFixed(2)} (target 0.3)`,
    );
    if (rawSink === 256) console.log('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
