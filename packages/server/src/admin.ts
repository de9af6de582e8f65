/**
 * The administrator's tools as functions (`service.admin`): list users with their standing, look
 * at one, reset, unlock, grant and revoke exemptions (each with a reason, audited with the
 * administrator's id), and count what the policy would do to everyone. The pieces live in
 * `admin/`; the HTTP mount over them is `createTotpAdmin` (`admin/mount.ts`). No secret ever
 * leaves through them.
 */
import { evaluatePolicy } from '@totp-gate/core';
import type { ServiceContext } from './context.js';
import { lockStateOf } from './lockout.js';
import { emptyUser, type UserRecord } from './stores/types.js';
import { grantExemption, resetUser, revokeExemption, unlockUser, type ExemptionGrant } from './admin/changes.js';
import { checkPolicy, dryRun, type DryRunInput, type DryRunResult, type PolicyCheck } from './admin/dry-run.js';
import { exportUsers, type ExportFormat } from './admin/export.js';
import { importFactor, type FactorImport, type ImportOptions, type ImportResult } from './admin/import.js';
import { AdminError, checkId, type AdminAct } from './admin/input.js';
import { factsFor, listUsers, recordsOf, type FactsLookup, type ListPage, type ListQuery } from './admin/list.js';
import {
  adminFactorsOf,
  adminUserOf,
  recordExemptions,
  type AdminExemption,
  type AdminUser,
} from './admin/standing.js';

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

/** The `admin` object of a service. Nothing it returns holds a secret, a code or a recovery code. */
export interface TotpAdmin {
  /**
   * Removes every authenticator, the pending enrollments, the recovery codes and the failure
   * count, and revokes every verified session of the user: the next sign-in must enroll again.
   * Needs a reason and the administrator's id (audited as `admin-reset`).
   * @throws AdminError `bad-request` (no reason or adminId), `unknown-user` (no record)
   */
  reset(userId: string, act: AdminAct): Promise<void>;
  /**
   * Clears the failure count of a locked user (a timed lock or the hard limit). Needs a reason and
   * the administrator's id (audited as `admin-unlock`).
   * @throws AdminError `bad-request`, `unknown-user`
   */
  unlock(userId: string, act: AdminAct): Promise<void>;
  /**
   * Grants an exemption until `expiresAt`, or replaces the one the user has. Reason and end are
   * required. A user without a record is exempted only when `facts` knows them.
   * @throws AdminError `bad-request`, `unknown-user`
   */
  grantExemption(userId: string, grant: ExemptionGrant, facts?: FactsLookup): Promise<AdminExemption>;
  /**
   * Ends an exemption an administrator granted, now.
   * @throws AdminError `bad-request`, `unknown-user`, `not-exempt`
   */
  revokeExemption(userId: string, act: AdminAct): Promise<void>;
  /** One page of users with their standing, in the store's order; `facts` adds roles and labels. */
  list(query?: ListQuery, facts?: FactsLookup): Promise<ListPage>;
  /**
   * One user with their standing and their authenticators (`factors`: names and dates).
   * @throws AdminError `unknown-user` when neither the store nor `facts` knows them
   */
  user(userId: string, facts?: FactsLookup): Promise<AdminUser>;
  /**
   * What a candidate policy would do on a date: counts per standing, who would be blocked, in
   * grace, exempt or locked, and the self-lockout guard. Changes nothing.
   * @throws AdminError `bad-request` for an invalid policy or date
   */
  dryRun(input: DryRunInput, facts?: FactsLookup): Promise<DryRunResult>;
  /**
   * The dry run as a gate before a policy change: throws `lockout-guard` when no administrator
   * could sign in without enrolling on the spot, unless `override` gives a reason (audited as
   * `admin-policy-override`, with the administrator as `userId`).
   */
  checkPolicy(input: PolicyCheck, facts?: FactsLookup): Promise<DryRunResult & { overridden: boolean }>;
  /**
   * Imports an existing TOTP secret for a user (from another system), sealed like an enrolled one;
   * the user signs in with the same authenticator app. A reason and the administrator's id are
   * required (audited as `admin-factor-imported`); `dryRun` checks without writing.
   * @throws AdminError `bad-request` saying what is wrong, never repeating the secret
   */
  importFactor(userId: string, input: FactorImport, options: ImportOptions): Promise<ImportResult>;
  /** Every user matching the filters, as CSV (injection-safe) or JSON. No secret is in it. */
  exportUsers(
    options?: Omit<ListQuery, 'cursor' | 'limit'> & { format?: ExportFormat },
    facts?: FactsLookup,
  ): Promise<string>;
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

/** Users whose records `report` reads at once. */
const REPORT_BATCH = 500;

/** Builds the admin tools over a service context. */
export function createAdmin(ctx: ServiceContext): TotpAdmin {
  /** A user's standing from their record (null: none yet). */
  function statusOf(
    userId: string,
    facts: Omit<SubjectFacts, 'userId'>,
    record: UserRecord | null,
    nowMs: number,
  ): AdminUserStatus {
    const user = record ?? emptyUser(userId);
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
        exemptions: recordExemptions(user),
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

  async function status(userId: string, facts: Omit<SubjectFacts, 'userId'> = {}): Promise<AdminUserStatus> {
    return statusOf(userId, facts, await ctx.store.getUser(userId), ctx.now());
  }

  async function one(userIdInput: string, facts?: FactsLookup): Promise<AdminUser> {
    const userId = checkId(userIdInput, 'userId');
    const [record, known] = await Promise.all([ctx.store.getUser(userId), factsFor(facts, [userId])]);
    if (record === null && !known.has(userId)) {
      throw new AdminError('unknown-user', `TOTP Gate has no record of user ${JSON.stringify(userId)}.`);
    }
    const user = adminUserOf(ctx.policy, userId, record, known.get(userId) ?? null, ctx.now());
    return { ...user, factors: adminFactorsOf(record) };
  }

  return {
    reset: (userId, act) => resetUser(ctx, userId, act),
    unlock: (userId, act) => unlockUser(ctx, userId, act),
    async grantExemption(userId, grant, facts) {
      const known = (await factsFor(facts, [checkId(userId, 'userId')])).has(userId);
      await grantExemption(ctx, userId, grant, known);
      return (await one(userId, facts)).exemption!;
    },
    revokeExemption: (userId, act) => revokeExemption(ctx, userId, act),
    list: (query = {}, facts) => listUsers(ctx.store, ctx.policy, ctx.now(), query, facts),
    user: one,
    importFactor: (userId, input, options) => importFactor(ctx, userId, input, options),
    exportUsers: (options = {}, facts) => exportUsers(ctx.store, ctx.policy, ctx.now(), options, facts),
    dryRun: (input, facts) => dryRun(ctx.store, ctx.now(), input, facts, ctx.policy),
    async checkPolicy(input, facts) {
      const result = await checkPolicy(ctx.store, ctx.now(), input, facts, ctx.policy);
      if (result.overridden && input.override) {
        const adminId = input.override.adminId;
        ctx.audit?.({
          type: 'admin-policy-override',
          at: new Date(ctx.now()).toISOString(),
          userId: adminId,
          sessionId: null,
          outcome: 'success',
          adminId,
          adminReason: input.override.reason.trim(),
        });
      }
      return result;
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
      const entries = list.map((entry) => (typeof entry === 'string' ? { userId: entry } : entry));
      const nowMs = ctx.now();
      // The records in batches, as the list and the dry run read them: one query per 500 users.
      for (let start = 0; start < entries.length; start += REPORT_BATCH) {
        const batch = entries.slice(start, start + REPORT_BATCH);
        const records = await recordsOf(
          ctx.store,
          batch.map((facts) => facts.userId),
        );
        batch.forEach((facts, i) => {
          const one = statusOf(facts.userId, facts, records[i] ?? null, nowMs);
          report.total++;
          if (one.decision === 'enroll') report[one.inGrace ? 'inGrace' : 'mustEnroll']++;
          else if (one.decision === 'challenge') report.challenge++;
          else if (one.decision === 'exempt') report.exempt++;
          else if (one.decision === 'locked') report.locked++;
          else report.notRequired++;
        });
      }
      return report;
    },
  };
}
