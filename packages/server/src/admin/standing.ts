/**
 * A user's standing as an administrator sees it: one word for the list filter (`standing`) and
 * the facts behind it (authenticators, grace, deferral, lock, exemption, last sign-in). Built
 * from the user's record, the host's facts and a policy at a moment, so the same code answers
 * "now, under the policy in force" (the list) and "on that date, under that policy" (the dry
 * run). Nothing secret is read into it: no secret, no code, no recovery-code hash.
 */
import { evaluatePolicy, type Exemption, type Policy, type PolicyDecision } from '@totp-gate/core';
import { STANDINGS } from '@totp-gate/core/admin';
import { factorsOf } from '../factors.js';
import { lockStateOf } from '../lockout.js';
import type { StoredExemption, UserRecord } from '../stores/types.js';

/** The standings, in the order a fresh sign-in is decided (one list, shared with the admin client). */
export { STANDINGS };

/**
 * - `not-required`: the policy does not cover the user (`requiredRoles`);
 * - `exempt`: an exemption applies (the policy's, or one an administrator granted);
 * - `locked`: too many failed codes (`lockedUntil`, or `hardLocked` until an administrator unlocks);
 * - `enrolled`: asked for a code at sign-in;
 * - `deferred`: not enrolled, inside the grace period, and has deferred enrollment;
 * - `in-grace`: not enrolled, may still defer until `graceEndsAt`;
 * - `must-enroll`: not enrolled and blocked until enrolling.
 */
export type Standing = (typeof STANDINGS)[number];

/** Facts about a user that only the host knows. */
export interface AdminFacts {
  roles?: readonly string[];
  /** When TOTP became required for the user; the grace period counts from here. */
  requiredSince?: Date | string | null;
  /** A label for people (e-mail, name), shown in lists and exports. */
  account?: string | null;
}

/** An exemption as an admin answer shows it. */
export interface AdminExemption {
  reason: string;
  /** ISO end; null only for a policy exemption without an end. */
  expiresAt: string | null;
  /** `admin`: granted through `grantExemption`; `policy`: written in the policy's `exemptions`. */
  source: 'admin' | 'policy';
  /** The administrator who granted it (admin exemptions only). */
  grantedBy: string | null;
  grantedAt: string | null;
}

/** One of a user's authenticators in the answer about that user: its name and dates, never its secret. */
export interface AdminFactor {
  name: string;
  /** ISO time it was confirmed. */
  createdAt: string;
  /** ISO time a code from it last passed, or null. */
  lastUsedAt: string | null;
}

/** One user in an admin answer. Every field is safe to show and to export. */
export interface AdminUser {
  userId: string;
  account: string | null;
  roles: string[];
  standing: Standing;
  /** Active authenticators. */
  authenticators: number;
  /** ISO time the first active authenticator was confirmed, or null. */
  enrolledAt: string | null;
  /** ISO time a code from an authenticator last passed, or null. */
  lastSignInAt: string | null;
  /** ISO end of the grace period, or null when there is none. */
  graceEndsAt: string | null;
  /** ISO time the user last deferred enrollment, or null. */
  deferredAt: string | null;
  failures: number;
  locked: boolean;
  /** ISO end of a timed lock, or null. */
  lockedUntil: string | null;
  /** Locked until an administrator unlocks (the hard limit). */
  hardLocked: boolean;
  exemption: AdminExemption | null;
  recoveryCodesLeft: number;
  /** Whether an enrollment was started and not confirmed yet (and has not expired). */
  enrollmentPending: boolean;
  /** The authenticators, oldest first: only in the answer about one user (not in lists or exports). */
  factors?: AdminFactor[];
}

const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/** The admin exemption on a record as the policy reads it, or nothing. */
export function recordExemptions(record: UserRecord | null): Exemption[] | undefined {
  const granted = record?.exemption;
  if (granted == null) return undefined;
  return [{ userId: record!.userId, reason: granted.reason, expiresAt: new Date(granted.expiresAt) }];
}

function exemptionOf(decision: PolicyDecision, granted: StoredExemption | null | undefined): AdminExemption | null {
  if (decision.exemption === undefined) return null;
  const { reason, expiresAt } = decision.exemption;
  const fromAdmin = granted != null && granted.reason === reason && expiresAt?.getTime() === granted.expiresAt;
  return {
    reason,
    expiresAt: expiresAt?.toISOString() ?? null,
    source: fromAdmin ? 'admin' : 'policy',
    grantedBy: fromAdmin ? granted.grantedBy : null,
    grantedAt: fromAdmin ? iso(granted.grantedAt) : null,
  };
}

/** The standing word for a decision. */
export function standingFrom(decision: PolicyDecision, deferred: boolean): Standing {
  switch (decision.decision) {
    case 'open':
      // A fresh sign-in has no verified session: `open` is `not-required` here.
      return 'not-required';
    case 'exempt':
      return 'exempt';
    case 'locked':
      return 'locked';
    case 'challenge':
      return 'enrolled';
    case 'enroll':
      if (!decision.canDefer) return 'must-enroll';
      return deferred ? 'deferred' : 'in-grace';
  }
}

/**
 * The standing of `userId` under `policy` at `nowMs`, from its record (null when the store has
 * none) and the host's facts.
 */
export function adminUserOf(
  policy: Policy,
  userId: string,
  record: UserRecord | null,
  facts: AdminFacts | null,
  nowMs: number,
): AdminUser {
  const factors = factorsOf(record);
  const enrolled = factors.length > 0;
  const roles = [...(facts?.roles ?? [])];
  const decision = evaluatePolicy(
    policy,
    {
      userId,
      roles,
      requiredSince: facts?.requiredSince ?? null,
      enrolled,
      failures: record?.failures ?? 0,
      lastFailureAt: record?.lastFailureAt == null ? null : new Date(record.lastFailureAt),
      exemptions: recordExemptions(record),
    },
    new Date(nowMs),
  );
  const lock = record ? lockStateOf(policy.lockout, record, nowMs) : { locked: false as const };
  const deferredAt = record?.deferredAt ?? null;
  // A deferral counts while the grace period it happened in lasts: that is the only one there is.
  const standing = standingFrom(decision, deferredAt !== null);
  let lastUsed: number | null = null;
  for (const factor of factors)
    if (factor.lastUsedAt !== null && factor.lastUsedAt > (lastUsed ?? -1)) lastUsed = factor.lastUsedAt;
  return {
    userId,
    account: facts?.account ?? null,
    roles,
    standing,
    authenticators: factors.length,
    enrolledAt: enrolled ? iso(factors[0]!.createdAt) : null,
    lastSignInAt: iso(lastUsed),
    graceEndsAt: decision.graceEndsAt?.toISOString() ?? null,
    deferredAt: iso(deferredAt),
    failures: record?.failures ?? 0,
    locked: lock.locked,
    lockedUntil: lock.locked && lock.until !== null ? iso(lock.until) : null,
    hardLocked: lock.locked && lock.until === null,
    exemption: exemptionOf(decision, record?.exemption),
    recoveryCodesLeft: enrolled ? record!.recoveryHashes.length : 0,
    enrollmentPending: (record?.enrollments ?? []).some((entry) => entry.expiresAt > nowMs),
  };
}

/** A record's authenticators as the answer about one user shows them (names and dates only). */
export function adminFactorsOf(record: UserRecord | null): AdminFactor[] {
  return factorsOf(record).map((factor) => ({
    name: factor.name,
    createdAt: iso(factor.createdAt)!,
    lastUsedAt: iso(factor.lastUsedAt),
  }));
}
