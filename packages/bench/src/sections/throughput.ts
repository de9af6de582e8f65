/**
 * Server verification throughput: wrong codes checked per second, SHA1, 6 digits, 30 s, window 1
 * (so every check costs three HMACs), median of several runs, each library as a server would
 * call it with the secret it stored (base32), and the raw node:crypto floor with a decoded key.
 *
 * Our rows go through `@totp-gate/server`: `actions.verify` (the whole check without HTTP: lock
 * check, three HMACs compared in constant time, failure count written, audit event built) and
 * `handle(Request)` with the memory and the SQLite store. The default policy locks a user after 5
 * wrong codes, after which the check stops before the HMACs, so each user gets at most 4 wrong
 * codes per run and the calls cycle over enough enrolled users (a fresh set per run).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { verifySync } from 'otplib';
import speakeasy from 'speakeasy';
import type * as ServerModule from '@totp-gate/server';
import { logger, median, runSection } from '../section.js';
import type { ThroughputResult, ThroughputRow } from '../types.js';

const log = logger('throughput');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const PER_USER = 4;
const USERS = Math.ceil(CALLS / PER_USER);
/** A fixed instant, so every run checks the same steps. */
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A base32 secret and a code that matches none of the three steps around T0. */
function fixture() {
  const secret = new OTPAuth.Secret({ size: 20 });
  const totp = new OTPAuth.TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
  const valid = new Set([-1, 0, 1].map((d) => totp.generate({ timestamp: T0 + d * 30_000 })));
  let wrong = 0;
  while (valid.has(String(wrong).padStart(6, '0'))) wrong++;
  return { base32: secret.base32, key: Buffer.from(secret.bytes), wrong: String(wrong).padStart(6, '0') };
}

function timeLoop(body: (i: number) => boolean): number {
  let accepted = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) if (body(i)) accepted++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (accepted !== 0) throw new Error(`a wrong code was accepted ${accepted} times`);
  return CALLS / seconds;
}

const fx = fixture();

/** The floor: three HMAC-SHA1, dynamic truncation, constant-time comparison; nothing else. */
function raw(): number {
  const message = Buffer.alloc(8);
  const given = Buffer.from(fx.wrong, 'latin1');
  const step = Math.floor(T0 / 30_000);
  return timeLoop(() => {
    let ok = false;
    for (let delta = -1; delta <= 1; delta++) {
      message.writeUInt32BE(0, 0);
      message.writeUInt32BE(step + delta, 4);
      const mac = createHmac('sha1', fx.key).update(message).digest();
      const o = mac[19]! & 0x0f;
      const value = (((mac[o]! & 0x7f) << 24) | (mac[o + 1]! << 16) | (mac[o + 2]! << 8) | mac[o + 3]!) % 1_000_000;
      ok = timingSafeEqual(Buffer.from(String(value).padStart(6, '0'), 'latin1'), given) || ok;
    }
    return ok;
  });
}

function otpauth(): number {
  return timeLoop(
    () =>
      OTPAuth.TOTP.validate({
        token: fx.wrong,
        secret: OTPAuth.Secret.fromBase32(fx.base32),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        timestamp: T0,
        window: 1,
      }) !== null,
  );
}

function otplib(): number {
  return timeLoop(() => verifySync({ secret: fx.base32, token: fx.wrong, epoch: T0 / 1000, epochTolerance: 30 }).valid);
}

function speakeasyVerify(): number {
  return timeLoop(() =>
    speakeasy.totp.verify({ secret: fx.base32, encoding: 'base32', token: fx.wrong, window: 1, time: T0 / 1000 }),
  );
}

type Server = typeof ServerModule;
type Service = ReturnType<Server['createTotpService']>;
type Identity = Parameters<Service['actions']['verify']>[0];

interface Setup {
  service: Service;
  users: Identity[];
  wrong: string[];
  signedIn: { current: Identity | null };
  close(): void;
}

/** Enrolls USERS users through the service's own actions and finds a wrong code for each. */
async function setup(server: Server, store: ReturnType<Server['memoryStore']>): Promise<Setup> {
  const { decodeBase32 } = await import('@totp-gate/core');
  const { totp } = await import('@totp-gate/core/otp');
  const clock = { now: T0 };
  const signedIn = { current: null as Identity | null };
  const service = server.createTotpService({
    store,
    issuer: 'Bench',
    identify: () => signedIn.current,
    now: () => clock.now,
    encryptionKey: randomBytes(32),
    onAudit: () => undefined,
  });
  const users: Identity[] = [];
  const wrong: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const user = { userId: `user-${i}`, sessionId: `session-${i}`, account: `user${i}@example.com` } as Identity;
    const started = (await service.actions.startEnrollment(user)).body as { secret: string };
    const key = decodeBase32(started.secret);
    const confirmed = await service.actions.confirmEnrollment(user, { code: totp(key, clock.now) });
    if (confirmed.status !== 200) throw new Error(`enrollment failed: ${JSON.stringify(confirmed.body)}`);
    // Move on one period so the checks below are not in the step just accepted.
    const valid = new Set([0, 1, 2].map((d) => totp(key, clock.now + d * 30_000)));
    let w = 0;
    while (valid.has(String(w).padStart(6, '0'))) w++;
    users.push(user);
    wrong.push(String(w).padStart(6, '0'));
  }
  clock.now += 30_000;
  return { service, users, wrong, signedIn, close: () => void store.close?.() };
}

async function ourActions(s: Setup): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const u = i % USERS;
    const answer = await s.service.actions.verify(s.users[u]!, { code: s.wrong[u]! });
    if (answer.status !== 400) throw new Error(`expected 400 invalid-code, got ${answer.status}`);
  }
  return CALLS / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Requests are built outside the clock (building one is the host's cost); answers are read. */
async function ourHandle(s: Setup): Promise<number> {
  const batch = 1000;
  let nanos = 0n;
  for (let offset = 0; offset < CALLS; offset += batch) {
    const requests: Request[] = [];
    for (let i = offset; i < Math.min(CALLS, offset + batch); i++) {
      requests.push(
        new Request('http://bench.local/api/totp/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: s.wrong[i % USERS] }),
        }),
      );
    }
    const start = process.hrtime.bigint();
    for (let i = 0; i < requests.length; i++) {
      s.signedIn.current = s.users[(offset + i) % USERS]!;
      const response = await s.service.handle(requests[i]!);
      if (response.status !== 400) throw new Error(`expected 400 invalid-code, got ${response.status}`);
      await response.arrayBuffer();
    }
    nanos += process.hrtime.bigint() - start;
  }
  return CALLS / (Number(nanos) / 1e9);
}

await runSection(async (): Promise<ThroughputResult> => {
  const libs: [string, string, () => number][] = [
    ['raw', 'raw node:crypto: 3 × HMAC-SHA1 + truncation + timingSafeEqual (decoded key)', raw],
    ['otpauth', 'otpauth 9 `TOTP.validate` (Secret.fromBase32 per call)', otpauth],
    ['otplib', 'otplib 13 `verifySync` (default noble crypto plugin, base32 secret)', otplib],
    ['speakeasy', 'speakeasy 2 `totp.verify` (base32 secret)', speakeasyVerify],
  ];
  const rows: ThroughputRow[] = [];
  const runs = new Map<string, number[]>(libs.map(([id]) => [id, []]));
  // Warm-up, then interleaved rounds so a noisy moment hurts every row alike.
  for (const [, , fn] of libs) fn();
  for (let round = 0; round < RUNS; round++) {
    for (const [id, , fn] of libs) runs.get(id)!.push(fn());
    log(`libraries: round ${round + 1}/${RUNS}`);
  }
  for (const [id, label] of libs) rows.push({ id, label, perSecond: median(runs.get(id)!), runs: runs.get(id)! });

  let server: Server | undefined;
  try {
    server = await import('@totp-gate/server');
  } catch (error) {
    const note = `@totp-gate/server could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    log(note);
    return { rows, calls: CALLS, users: USERS, runsPerRow: RUNS, note };
  }
  const ours: [string, string, (s: Setup) => Promise<number>, 'memory' | 'sqlite'][] = [
    ['actions', 'TOTP Gate `actions.verify` (memory store, no HTTP)', ourActions, 'memory'],
    ['handle-memory', 'TOTP Gate `handle(Request)`, memory store', ourHandle, 'memory'],
    ['handle-sqlite', 'TOTP Gate `handle(Request)`, SQLite store (file, WAL)', ourHandle, 'sqlite'],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-'));
  try {
    for (const [id, label, fn, kind] of ours) {
      const values: number[] = [];
      let note: string | undefined;
      try {
        for (let round = 0; round < RUNS; round++) {
          const store =
            kind === 'memory' ? server.memoryStore() : server.sqliteStore(join(dir, `${id}-${round}.sqlite`));
          const s = await setup(server, store);
          values.push(await fn(s));
          s.close();
          log(`${id}: round ${round + 1}/${RUNS}`);
        }
      } catch (error) {
        note = `failed: ${error instanceof Error ? error.message : String(error)}`;
        log(`${id} ${note}`);
      }
      rows.push({ id, label, perSecond: values.length ? median(values) : 0, runs: values, note });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, calls: CALLS, users: USERS, runsPerRow: RUNS };
});
