/**
 * Several authenticators per user (S49): reading a record's factors, with the migration of records
 * written with one `factor` (S54), and writing them back with the `factor` mirror kept in step.
 */
import { encodeBase32 } from '@totp-gate/core';
import type { RandomBytes } from '@totp-gate/core/otp';
import type { ServiceContext } from './context.js';
import { sealSecret } from './crypto.js';
import type { FactorRecord, PendingRecord, StoredFactor, UserRecord } from './stores/types.js';

/** The name a factor gets when nobody chose one (the first enrollment, migrated records). */
export const DEFAULT_FACTOR_NAME = 'Authenticator';
/** The id a migrated single factor gets: stable, so every read of an old record agrees. */
export const MIGRATED_FACTOR_ID = 'f0';

/**
 * A user's factors, oldest first. A record written before S49 holds one `factor` and the
 * user's `lastStep`: it is read as one factor with that step (S54), so replay protection carries
 * over and the user notices nothing. The migrated shape is written back with the next change.
 */
export function factorsOf(user: UserRecord | null): readonly StoredFactor[] {
  if (user === null) return [];
  if (user.factors !== undefined) return user.factors;
  if (user.factor === null) return [];
  return [
    {
      ...pick(user.factor),
      id: MIGRATED_FACTOR_ID,
      name: DEFAULT_FACTOR_NAME,
      lastUsedAt: null,
      lastStep: user.lastStep,
    },
  ];
}

function pick(factor: FactorRecord): FactorRecord {
  const { secret, algorithm, digits, period, createdAt } = factor;
  return { secret, algorithm, digits, period, createdAt };
}

/** `user` with `factors` as its factors: `factor` mirrors the first one, the old `lastStep` is retired. */
export function withFactors(user: UserRecord, factors: StoredFactor[]): UserRecord {
  return { ...user, factors, factor: factors[0] ? pick(factors[0]) : null, lastStep: null };
}

/**
 * A new secret (`secret`, in plain base32) sealed for the user under the policy's TOTP parameters,
 * pending for this session until the enrollment lifetime ends: a first enrollment's or another
 * authenticator's.
 */
export function pendingSecret(
  ctx: ServiceContext,
  userId: string,
  sessionId: string,
  secret: string,
  nowMs: number,
): PendingRecord & { sessionId: string } {
  const { algorithm, digits, period } = ctx.policy.totp;
  return {
    secret: sealSecret(secret, userId, ctx.encryptionKey),
    algorithm,
    digits,
    period,
    createdAt: nowMs,
    expiresAt: nowMs + ctx.policy.enrollmentTtlSeconds * 1000,
    sessionId,
  };
}

/** The factor a confirmed pending secret becomes, its code's time step spent (S14). */
export function confirmedFactor(
  pending: FactorRecord,
  factor: Pick<StoredFactor, 'createdAt' | 'id' | 'name' | 'lastStep'>,
): StoredFactor {
  const { secret, algorithm, digits, period } = pending;
  const { createdAt, id, name, lastStep } = factor;
  return { secret, algorithm, digits, period, createdAt, id, name, lastUsedAt: null, lastStep };
}

/** A new random factor id (80 bits, base32 lower case). */
export function newFactorId(random: RandomBytes): string {
  return `f${encodeBase32(random(10)).toLowerCase()}`;
}
