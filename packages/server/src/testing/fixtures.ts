/**
 * What the store contract suite builds its tests from: full records (with fields a later record
 * shape may add, which a store must keep as they are), a service on the store under test with a
 * movable clock, and checks that throw `Contract:` errors naming what broke.
 */
import { isDeepStrictEqual, inspect } from 'node:util';
import { totp } from '@totp-gate/core/otp';
import { createTotpService, type TotpService } from '../service.js';
import type { Identity } from '../context.js';
import type { SessionRecord, TotpStore, UserRecord } from '../stores/types.js';

export const STEP = 30_000;

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Contract: ${message}`);
}

export function checkEqual(actual: unknown, expected: unknown, what: string): void {
  if (isDeepStrictEqual(actual, expected)) return;
  const show = (value: unknown) => inspect(value, { depth: 6, breakLength: Infinity });
  throw new Error(`Contract: ${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** A user record with every field set (and a few a later shape may add). */
export function userRecord(userId: string, overrides: Partial<UserRecord> = {}): UserRecord {
  const record = {
    userId,
    factor: {
      secret: 'aes-256-gcm:v1:c2VhbGVk',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      createdAt: 1_767_225_600_123,
    },
    pending: {
      secret: 'plain:JBSWY3DPEHPK3PXP',
      algorithm: 'SHA512',
      digits: 6,
      period: 30,
      createdAt: 1_767_225_601_000,
      expiresAt: 1_767_226_201_000,
    },
    lastStep: 58_907_520,
    failures: 2,
    lastFailureAt: 1_767_225_650_500,
    recoveryHashes: ['scrypt$16384$c2FsdA$aGFzaA', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    generation: 3,
    factors: [{ id: 'f-1', label: 'Phone ☎ "work"', secret: 'plain:GEZDGNBV', createdAt: 1 }],
    pendingBySession: { 's-1': { secret: 'plain:MFRGGZDF', expiresAt: 2 }, 'quote"d': { n: -0.5 } },
    extra: { deep: [1, 2.5, -3, true, false, null, '', 'ünï\n\t\\'], empty: {}, none: [] },
    ...overrides,
  };
  return record as UserRecord;
}

/** A session record with every field set; `expiresAt` only when given. */
export function sessionRecord(
  sessionId: string,
  userId: string,
  fields: Partial<Omit<SessionRecord, 'sessionId' | 'userId'>>,
): SessionRecord {
  const record = {
    sessionId,
    userId,
    verifiedAt: 1_767_225_700_000,
    generation: 4,
    deferred: false,
    exemptionNotedAt: 1_767_225_600_000,
    factorId: 'f-1',
    ...fields,
  };
  return record as SessionRecord;
}

/** Ids in ascending code-point order (the order of UTF-8 bytes, of SQLite and of `COLLATE "C"`). */
export function sortedIds(ids: string[]): string[] {
  return [...new Set(ids)].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/** A code of the right shape that no step within two of `ms` produces. */
export function wrongCodeFor(secret: string, ms: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(secret, ms + d * STEP)));
  for (let n = 0; ; n++) {
    const code = String((n * 7_919 + 123_457) % 1_000_000).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

export interface EnrolledService {
  service: TotpService;
  secret: string;
  clock: { now: number };
  identity(sessionId: string): Identity;
  codeAt(ms: number): string;
}

/** A service on `store` (clock at the wall clock, 5 s into a step) with `userId` enrolled. */
export async function enrolledService(
  store: TotpStore,
  userId: string,
  lockout: { threshold?: number } = {},
): Promise<EnrolledService> {
  const clock = { now: Math.floor(Date.now() / STEP) * STEP + 5_000 };
  const service = createTotpService({
    store,
    issuer: 'Store Contract',
    identify: () => null,
    now: () => clock.now,
    policy: { lockout: { hardLimit: 100, ...lockout } },
  });
  const identity = (sessionId: string): Identity => ({ userId, sessionId, account: `${userId}@example.com` });
  const started = await service.actions.startEnrollment(identity('enroll'));
  check(started.status === 200, `startEnrollment through the service failed: ${JSON.stringify(started.body)}`);
  const secret = (started.body as { secret: string }).secret;
  const confirmed = await service.actions.confirmEnrollment(identity('enroll'), { code: totp(secret, clock.now) });
  check(confirmed.status === 200, `confirmEnrollment through the service failed: ${JSON.stringify(confirmed.body)}`);
  return { service, secret, clock, identity, codeAt: (ms) => totp(secret, ms) };
}
