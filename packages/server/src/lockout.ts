/**
 * The failure counter (S20, S21): one count per account, shared by TOTP codes and recovery codes
 * at enrollment and at sign-in, kept across sessions, cleared only by a correct code or an
 * administrator. Decisions come from core's `lockedUntil` / `attemptsLeft`, so the server and the
 * policy docs cannot disagree.
 */
import { attemptsLeft, lockedUntil, type LockoutPolicy } from '@totp-gate/core';
import type { UserRecord } from './stores/types.js';

/** Whether a user may try a code now. */
export type LockState =
  | { locked: false; attemptsLeft: number }
  /** `until` is null for the hard limit: only `admin.reset` unlocks. */
  | { locked: true; until: number | null };

/** The lock state of a record at `nowMs`. */
export function lockStateOf(lockout: LockoutPolicy, record: UserRecord, nowMs: number): LockState {
  // Below the threshold core's lockedUntil never looks at the time: skip building a Date then.
  const last =
    record.failures >= lockout.threshold && record.lastFailureAt !== null ? new Date(record.lastFailureAt) : null;
  const until = lockedUntil(lockout, record.failures, last);
  if (until === 'reset') return { locked: true, until: null };
  if (until !== null && nowMs < until.getTime()) return { locked: true, until: until.getTime() };
  return { locked: false, attemptsLeft: attemptsLeft(lockout, record.failures) };
}

/**
 * A copy of `record` with the failure count and time replaced; the lists older records lack are
 * filled in, and empty exemption or deferral fields dropped.
 */
function withFailures(record: UserRecord, failures: number, lastFailureAt: number | null): UserRecord {
  const { exemption, deferredAt, ...rest } = record;
  return {
    ...rest,
    failures,
    lastFailureAt,
    enrollments: record.enrollments ?? [],
    usedRecoveryCodes: record.usedRecoveryCodes ?? [],
    ...(exemption != null && { exemption }),
    ...(deferredAt != null && { deferredAt }),
  };
}

/** A copy of `record` with one more failure at `nowMs`. */
export function withFailure(record: UserRecord, nowMs: number): UserRecord {
  return withFailures(record, record.failures + 1, nowMs);
}

/** A copy of `record` with the count cleared (after a correct code). */
export function withSuccess(record: UserRecord): UserRecord {
  return withFailures(record, 0, null);
}

/** Whole seconds until `until`, at least 1, for `Retry-After`. */
export function secondsUntil(until: number, nowMs: number): number {
  return Math.max(1, Math.ceil((until - nowMs) / 1000));
}
