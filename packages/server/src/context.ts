/**
 * What every action needs: the configuration resolved once by `createTotpService`, plus the
 * shared helpers that read a user's standing and record a verified session.
 */
import { evaluatePolicy, type Policy, type PolicyDecision, type PolicySubject } from '@totp-gate/core';
import type { RandomBytes } from '@totp-gate/core/otp';
import type { AuditEvent } from './audit.js';
import type { KeyCache } from './crypto.js';
import type { DeviceCookie } from './device-cookie.js';
import type { HeadersLike } from './errors.js';
import { recognise } from './remembered-devices.js';
import type { RememberedDeviceRecord, SessionRecord, TotpStore, UserRecord } from './stores/types.js';

/** Who is signed in with the first factor, as the host's `identify()` says. */
export interface Identity {
  /** The host's stable user id. The only thing that names the user (S29). */
  userId: string;
  /** The host's id for this sign-in session; TOTP passes per session. */
  sessionId: string;
  /** The label authenticator apps show, e.g. the e-mail address. No `:` (S10). */
  account: string;
  roles?: readonly string[];
  /** When TOTP became required for this user; the grace period counts from here. */
  requiredSince?: Date | string | null;
}

/** What `onVerified` may return: a new session id to carry the verified mark, headers to add. */
export interface VerifiedHookResult {
  /** The session id the host rotated to; the verified mark moves there (S28). */
  sessionId?: string;
  /** Headers for the answer, e.g. the `Set-Cookie` of the rotated session. */
  headers?: HeadersLike;
}

/** Called after a code passed for a session. */
export type VerifiedHook = (
  request: Request | null,
  user: Identity,
) => VerifiedHookResult | void | Promise<VerifiedHookResult | void>;

/** The resolved configuration shared by the actions. */
export interface ServiceContext {
  store: TotpStore;
  policy: Policy;
  issuer: string;
  now: () => number;
  random: RandomBytes;
  encryptionKey: Buffer | undefined;
  keys: KeyCache;
  /** The key recovery-code hashes are keyed with (from `encryptionKey`), or undefined: scrypt then (S30). */
  recoveryKey: Buffer | undefined;
  /** Recovery keys derived from `previousEncryptionKeys`, during a key rotation. */
  previousRecoveryKeys: readonly Buffer[];
  allowReenrollment: boolean;
  /** How recently a session must have verified to start a re-enrollment (ms). */
  reenrollmentWindowMs: number;
  onVerified: VerifiedHook | undefined;
  /** The remembered-device cookie's name and attributes (S58). */
  deviceCookie: DeviceCookie;
  /** Emits an event; undefined when the host gave no `onAudit` (events are then not even built). */
  audit: ((event: AuditEvent) => void) | undefined;
}

/** Why a session that passed a code must pass one again (S43), as `GET /status` reports it. */
export type ChallengeReason = 'verification-expired' | 'step-up';

/** A user's standing now. */
export interface Standing {
  user: UserRecord | null;
  session: SessionRecord | null;
  decision: PolicyDecision;
  /** The remembered device the request's cookie proves (S58), when a request was given. */
  device: RememberedDeviceRecord | null;
  /** Set when the session was verified and no longer is, by time or by a step-up (S43). */
  reason: ChallengeReason | null;
}

/**
 * Whether the session record is a verified mark for this identity and its current factor,
 * whatever its age: the mark that a step-up or the lifetime can void.
 */
function isVerifiedMark(identity: Identity, user: UserRecord | null, session: SessionRecord | null): boolean {
  return (
    session !== null &&
    user !== null &&
    user.factor !== null &&
    session.userId === identity.userId &&
    session.verifiedAt !== null &&
    session.generation === user.generation &&
    session.mustEnrollUntil === undefined
  );
}

/**
 * Whether the session is inside the window a recovery code opened to set up a new authenticator
 * (S55), for this user and the factors it was opened under.
 */
export function inRecoveryWindow(
  identity: Identity,
  user: UserRecord | null,
  session: SessionRecord | null,
  nowMs: number,
): boolean {
  return (
    session !== null &&
    user !== null &&
    session.userId === identity.userId &&
    session.generation === user.generation &&
    session.mustEnrollUntil !== undefined &&
    nowMs < session.mustEnrollUntil
  );
}

/**
 * Whether the session record is a live verified mark for this identity and factor: give it a
 * session from {@link standingOf}, which drops expired records (S43, S45); a step-up voids it.
 */
export function isVerified(identity: Identity, user: UserRecord | null, session: SessionRecord | null): boolean {
  return isVerifiedMark(identity, user, session) && session!.stepUpRequestedAt == null;
}

/** The verification lifetime of the policy, in ms (S43). */
export function lifetimeMs(ctx: ServiceContext): number {
  return ctx.policy.verificationLifetimeSeconds * 1000;
}

/** Whether a session record expired at `nowMs`: by its `expiresAt`, or (older records) by its age (S45). */
function hasExpired(ctx: ServiceContext, session: SessionRecord, nowMs: number): boolean {
  if (session.expiresAt !== undefined) return session.expiresAt <= nowMs;
  return session.verifiedAt !== null && nowMs - session.verifiedAt >= lifetimeMs(ctx);
}

/**
 * Reads the records and evaluates the policy for one identity at `nowMs`. With the `request`, a
 * remembered-device cookie in it counts too (S58).
 */
export async function standingOf(
  ctx: ServiceContext,
  identity: Identity,
  nowMs: number,
  request: Request | null = null,
): Promise<Standing> {
  const [user, stored] = await Promise.all([
    ctx.store.getUser(identity.userId),
    ctx.store.getSession(identity.sessionId),
  ]);
  let session = stored !== null && stored.userId === identity.userId ? stored : null;
  let reason: ChallengeReason | null = null;
  if (session !== null && hasExpired(ctx, session, nowMs)) {
    if (isVerifiedMark(identity, user, session)) reason = 'verification-expired';
    // Deleted when read (S45); `sweep()` takes the ones nobody reads again.
    await ctx.store.deleteSession(session.sessionId);
    session = null;
  }
  const marked = isVerifiedMark(identity, user, session);
  // A step-up asked for a code: neither the old mark nor a remembered device opens the session.
  if (session?.stepUpRequestedAt != null) reason = 'step-up';
  const device = request === null || reason === 'step-up' ? null : recognise(ctx.deviceCookie, user, request, nowMs);
  const subject: PolicySubject = {
    userId: identity.userId,
    roles: identity.roles ?? [],
    requiredSince: identity.requiredSince ?? null,
    enrolled: user?.factor != null,
    failures: user?.failures ?? 0,
    lastFailureAt: user?.lastFailureAt == null ? null : new Date(user.lastFailureAt),
    session: {
      verified: marked && reason === null,
      deferred: session?.deferred === true,
      rememberedUntil: device === null ? null : new Date(device.expiresAt),
    },
    // An exemption an administrator granted lives on the record; it ends like a policy one (S31).
    exemptions: user?.exemption
      ? [{ userId: identity.userId, ...user.exemption, expiresAt: new Date(user.exemption.expiresAt) }]
      : undefined,
  };
  let decision = evaluatePolicy(ctx.policy, subject, new Date(nowMs));
  if (decision.decision === 'challenge' && inRecoveryWindow(identity, user, session, nowMs)) {
    // A recovery code got this session here; a new authenticator comes first (S55).
    decision = { decision: 'enroll', reason: 'recovery-window', canDefer: false };
  }
  if (decision.decision === 'exempt' && ctx.audit && session?.exemptionNotedAt == null) {
    // Once per session, not per request: the guard runs on every protected call.
    await ctx.store.putSession({ ...blankSession(identity, nowMs, ctx), ...session, exemptionNotedAt: nowMs });
    ctx.audit({
      type: 'exemption-applied',
      at: new Date(nowMs).toISOString(),
      userId: identity.userId,
      sessionId: identity.sessionId,
      outcome: 'success',
      exemption: {
        reason: decision.exemption!.reason,
        expiresAt: decision.exemption!.expiresAt?.toISOString() ?? null,
      },
    });
  }
  return { user, session, decision, device, reason: decision.decision === 'challenge' ? reason : null };
}

/**
 * A session record with nothing in it yet, expiring one verification lifetime after `nowMs`
 * (S45): no session record outlives the longest a verification could count.
 */
export function blankSession(identity: Identity, nowMs: number, ctx: ServiceContext): SessionRecord {
  return {
    sessionId: identity.sessionId,
    userId: identity.userId,
    verifiedAt: null,
    generation: 0,
    deferred: false,
    exemptionNotedAt: null,
    expiresAt: nowMs + lifetimeMs(ctx),
  };
}

/**
 * Whether the session passed a code within the last `windowMs`: not a remembered device (S58), not
 * a recovery code that only opened the window to enroll (S55).
 */
export function codeWithin(session: SessionRecord | null, nowMs: number, windowMs: number): boolean {
  return (
    session !== null &&
    session.verifiedAt !== null &&
    session.viaDevice === undefined &&
    session.mustEnrollUntil === undefined &&
    nowMs - session.verifiedAt <= windowMs
  );
}

/**
 * Records that a code passed in this session (or, with `viaDevice`, that a remembered device let it in), after the host's `onVerified` hook had its chance
 * to rotate the session id (S28). Returns the hook's headers for the answer.
 */
export async function markVerified(
  ctx: ServiceContext,
  identity: Identity,
  request: Request | null,
  generation: number,
  nowMs: number,
  extra?: Pick<SessionRecord, 'viaDevice' | 'mustEnrollUntil'>,
): Promise<{ sessionId: string; headers: HeadersLike | undefined }> {
  const hook = ctx.onVerified ? await ctx.onVerified(request, identity) : undefined;
  const sessionId = hook?.sessionId ?? identity.sessionId;
  const record: SessionRecord = { ...blankSession(identity, nowMs, ctx), sessionId, verifiedAt: nowMs, generation };
  if (extra?.viaDevice !== undefined) record.viaDevice = extra.viaDevice;
  if (extra?.mustEnrollUntil !== undefined) record.mustEnrollUntil = extra.mustEnrollUntil;
  await ctx.store.putSession(record);
  if (sessionId !== identity.sessionId) await ctx.store.deleteSession(identity.sessionId);
  return { sessionId, headers: hook?.headers };
}
