/**
 * What an administrator changes about one user: reset (enroll again), unlock (clear the failure
 * count), and grant, change or revoke an exemption. Each needs a reason and the administrator's
 * id, checks everything before it writes, changes one record under the store's lock, and emits
 * one audit event with both. A user TOTP Gate has no record of is an `unknown-user` refusal.
 */
import type { ServiceContext } from '../context.js';
import { withSuccess } from '../lockout.js';
import type { AuditEventType } from '../audit.js';
import { emptyUser, type StoredExemption, type UserRecord } from '../stores/types.js';
import { AdminError, checkAct, checkExpiry, checkId, checkReason } from './input.js';

/** What `grantExemption` takes: why, until when, and who grants it. */
export interface ExemptionGrant {
  reason: string;
  /** ISO 8601 time with a time zone, or a Date; required, in the future, at most 366 days away. */
  expiresAt: string | Date;
  adminId: string;
}

function unknownUser(userId: string): AdminError {
  return new AdminError('unknown-user', `TOTP Gate has no record of user ${JSON.stringify(userId)}.`);
}

/** Emits an administrator's audit event (no session; the administrator and the reason). */
export function emitAdmin(
  ctx: ServiceContext,
  type: AuditEventType,
  userId: string,
  act: { adminId: string; reason: string },
  nowMs: number,
  exemption?: StoredExemption | null,
  extra: { factorId?: string } = {},
): void {
  ctx.audit?.({
    type,
    at: new Date(nowMs).toISOString(),
    userId,
    sessionId: null,
    outcome: 'success',
    adminId: act.adminId,
    adminReason: act.reason,
    ...(exemption != null && {
      exemption: { reason: exemption.reason, expiresAt: new Date(exemption.expiresAt).toISOString() },
    }),
    ...extra,
  });
}

/**
 * Removes every authenticator, pending enrollment and recovery code and the failure count, and
 * revokes every verified session (the generation grows, the session records go): the next sign-in
 * must enroll again. An exemption an administrator granted stays (revoke it on its own).
 */
export async function resetUser(ctx: ServiceContext, userIdInput: unknown, actInput: unknown): Promise<void> {
  const userId = checkId(userIdInput, 'userId');
  const act = checkAct(actInput);
  const found = await ctx.store.updateUser(userId, (current) => {
    if (current === null) return { result: false };
    const next: UserRecord = { ...emptyUser(userId), generation: current.generation + 1 };
    if (current.exemption != null) next.exemption = current.exemption;
    return { next, result: true };
  });
  if (!found) throw unknownUser(userId);
  await ctx.store.deleteSessionsOf(userId);
  emitAdmin(ctx, 'admin-reset', userId, act, ctx.now());
}

/** Clears the failure count (a timed lock or the hard limit); the authenticators stay. */
export async function unlockUser(ctx: ServiceContext, userIdInput: unknown, actInput: unknown): Promise<void> {
  const userId = checkId(userIdInput, 'userId');
  const act = checkAct(actInput);
  const found = await ctx.store.updateUser(userId, (current) =>
    current === null ? { result: false } : { next: withSuccess(current), result: true },
  );
  if (!found) throw unknownUser(userId);
  emitAdmin(ctx, 'admin-unlock', userId, act, ctx.now());
}

/**
 * Grants an exemption, or replaces the one the user has (`admin-exemption-changed`). `known`
 * says whether the host knows a user TOTP Gate has no record of yet (so one can be exempted
 * before their first sign-in); without it such a user is unknown.
 */
export async function grantExemption(
  ctx: ServiceContext,
  userIdInput: unknown,
  grantInput: unknown,
  known: boolean,
): Promise<StoredExemption> {
  const userId = checkId(userIdInput, 'userId');
  const given = (typeof grantInput === 'object' && grantInput !== null ? grantInput : {}) as Partial<ExemptionGrant>;
  const nowMs = ctx.now();
  const reason = checkReason(given.reason);
  const expiresAt = checkExpiry(given.expiresAt, nowMs);
  const adminId = checkId(given.adminId, 'adminId');
  const exemption: StoredExemption = { reason, expiresAt, grantedBy: adminId, grantedAt: nowMs };
  const before = await ctx.store.updateUser(userId, (current) => {
    if (current === null && !known) return { result: 'unknown' as const };
    const user = current ?? emptyUser(userId);
    const had = user.exemption != null && user.exemption.expiresAt > nowMs;
    return { next: { ...user, exemption }, result: had ? ('changed' as const) : ('granted' as const) };
  });
  if (before === 'unknown') throw unknownUser(userId);
  emitAdmin(
    ctx,
    before === 'changed' ? 'admin-exemption-changed' : 'admin-exemption-granted',
    userId,
    { adminId, reason },
    nowMs,
    exemption,
  );
  return exemption;
}

/** Ends the exemption an administrator granted, now. Refused (`not-exempt`) when there is none. */
export async function revokeExemption(ctx: ServiceContext, userIdInput: unknown, actInput: unknown): Promise<void> {
  const userId = checkId(userIdInput, 'userId');
  const act = checkAct(actInput);
  const nowMs = ctx.now();
  const outcome = await ctx.store.updateUser<'unknown' | 'none' | StoredExemption>(userId, (current) => {
    if (current === null) return { result: 'unknown' };
    if (current.exemption == null || current.exemption.expiresAt <= nowMs) return { result: 'none' };
    return { next: { ...current, exemption: null }, result: current.exemption };
  });
  if (outcome === 'unknown') throw unknownUser(userId);
  if (outcome === 'none') {
    throw new AdminError('not-exempt', `User ${JSON.stringify(userId)} has no exemption granted by an administrator.`);
  }
  emitAdmin(ctx, 'admin-exemption-revoked', userId, act, nowMs, outcome);
}
