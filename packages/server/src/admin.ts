/**
 * The administrator's tools: reset a user, look at one, and count what the policy would do to
 * everyone (the start of an enforcement dry-run). No secret ever leaves through them.
 */
import { evaluatePolicy } from '@totp-gate/core';
import type { ServiceContext } from './context.js';
import { lockStateOf } from './lockout.js';
import { emptyUser, type UserRecord } from './stores/types.js';

/** Facts about a user that only the host knows, for decisions that depend on them. */
export interface SubjectFacts {
  userId: string;
  roles?: readonly string[];
  requiredSince?: Date | string | null;
}

/** What `admin.status` says about a user. */
export interface AdminUserStatus {
  userId: string;
  enrolled: boolean;
  /** ISO time the active factor was confirmed, or null. */
  enrolledAt: string | null;
  /** ISO time the pending enrollment expires, or null. */
  pendingExpiresAt: string | null;
  failures: number;
  locked: boolean;
  /** ISO end of a timed lock; null when not locked or locked until a reset. */
  lockedUntil: string | null;
  recoveryCodesLeft: number;
  /** What the policy decides for a fresh sign-in of this user now. */
  decision: 'enroll' | 'challenge' | 'open' | 'exempt' | 'locked';
  inGrace: boolean;
}

/** Counts per decision for a fresh sign-in of each user, now. */
export interface AdminReport {
  total: number;
  /** Must enroll and cannot defer: blocked until they enroll. */
  mustEnroll: number;
  /** Must enroll but may still defer (inside the grace period). */
  inGrace: number;
  /** Enrolled: asked for a code. */
  challenge: number;
  exempt: number;
  locked: number;
  /** Not covered by `requiredRoles`. */
  notRequired: number;
}

/** The `admin` object of a service. */
export interface TotpAdmin {
  /**
   * Removes the factor, the pending enrollment, the recovery codes and the failure count, and
   * revokes every verified session of the user: the next sign-in must enroll again.
   */
  reset(userId: string): Promise<void>;
  /** One user's standing, with roles and `requiredSince` from `facts` when given. */
  status(userId: string, facts?: Omit<SubjectFacts, 'userId'>): Promise<AdminUserStatus>;
  /**
   * Counts decisions. Pass the host's users (ids, or ids with roles and `requiredSince`) for a
   * full dry-run; without them the store's own list is used, which holds only users who ever
   * reached the TOTP endpoints, without roles.
   */
  report(users?: ReadonlyArray<string | SubjectFacts>): Promise<AdminReport>;
}

/** When the last of a user's pending enrollments expires (ISO), or null when none is pending. */
function pendingUntil(user: UserRecord, nowMs: number): string | null {
  const ends = (user.enrollments ?? []).map((entry) => entry.expiresAt).filter((end) => end > nowMs);
  return ends.length === 0 ? null : new Date(Math.max(...ends)).toISOString();
}

/** Builds the admin tools over a service context. */
export function createAdmin(ctx: ServiceContext): TotpAdmin {
  async function status(userId: string, facts: Omit<SubjectFacts, 'userId'> = {}): Promise<AdminUserStatus> {
    const nowMs = ctx.now();
    const user = (await ctx.store.getUser(userId)) ?? emptyUser(userId);
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    const decision = evaluatePolicy(
      ctx.policy,
      {
        userId,
        roles: facts.roles ?? [],
        requiredSince: facts.requiredSince ?? null,
        enrolled: user.factor !== null,
        failures: user.failures,
        lastFailureAt: user.lastFailureAt === null ? null : new Date(user.lastFailureAt),
      },
      new Date(nowMs),
    );
    return {
      userId,
      enrolled: user.factor !== null,
      enrolledAt: user.factor ? new Date(user.factor.createdAt).toISOString() : null,
      pendingExpiresAt: pendingUntil(user, nowMs),
      failures: user.failures,
      locked: lock.locked,
      lockedUntil: lock.locked && lock.until !== null ? new Date(lock.until).toISOString() : null,
      recoveryCodesLeft: user.recoveryHashes.length,
      decision: decision.decision,
      inGrace: decision.canDefer,
    };
  }

  return {
    async reset(userId) {
      await ctx.store.updateUser(userId, (current) => ({
        next: { ...emptyUser(userId), generation: (current?.generation ?? 0) + 1 },
        result: undefined,
      }));
      await ctx.store.deleteSessionsOf(userId);
      const at = new Date(ctx.now()).toISOString();
      ctx.audit?.({ type: 'admin-reset', at, userId, sessionId: null, outcome: 'success' });
    },
    status,
    async report(users) {
      const list = users ?? (await ctx.store.listUserIds());
      const report: AdminReport = {
        total: 0,
        mustEnroll: 0,
        inGrace: 0,
        challenge: 0,
        exempt: 0,
        locked: 0,
        notRequired: 0,
      };
      for (const entry of list) {
        const facts = typeof entry === 'string' ? { userId: entry } : entry;
        const one = await status(facts.userId, facts);
        report.total++;
        if (one.decision === 'enroll') report[one.inGrace ? 'inGrace' : 'mustEnroll']++;
        else if (one.decision === 'challenge') report.challenge++;
        else if (one.decision === 'exempt') report.exempt++;
        else if (one.decision === 'locked') report.locked++;
        else report.notRequired++;
      }
      return report;
    },
  };
}
