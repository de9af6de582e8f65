/**
 * The endpoints of the REST contract v1 as plain functions of (identity, body) → answer, without
 * HTTP. `handle()` routes to them; hosts that do not speak fetch may call them directly.
 */
import { checkLabelPart, CodeBody, normalizeCode } from '@totp-gate/core';
import { buildOtpauthUri, createSecret } from '@totp-gate/core/otp';
import type { AuditEvent } from './audit.js';
import { sealSecret } from './crypto.js';
import { blankSession, markVerified, standingOf, type Identity, type ServiceContext } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { isoTime } from './iso-time.js';
import { lockStateOf, secondsUntil, withFailure, withSuccess } from './lockout.js';
import { createRecoveryCodes, findRecoveryHash, hashRecoveryCode, normalizeRecoveryCode } from './recovery.js';
import { checkCode, findSkew } from './verify.js';
import { emptyUser, type PendingRecord, type UserChange, type UserRecord } from './stores/types.js';
import { stateOf, statusBody } from './status.js';

type Stage = NonNullable<AuditEvent['stage']>;
type Event = Omit<AuditEvent, 'at' | 'userId' | 'sessionId'>;

/** What a check-and-set inside the store decided. */
type Outcome =
  | { ok: true; generation: number; recoveryCodes?: string[]; recoveryCodesLeft: number; events: Event[] }
  | { ok: false; answer: Answer; events: Event[] };

const INVALID = 'The code is not valid.';

/** Pending enrollments one user may have at once, one per session (S42). */
const MAX_PENDING_ENROLLMENTS = 5;

/**
 * The user's pending enrollments that have not expired. The per-user pending enrollment of a
 * record from before S42 is not among them: any session may have been given that secret.
 */
function liveEnrollments(user: UserRecord, nowMs: number): PendingRecord[] {
  return (user.enrollments ?? []).filter((entry) => entry.expiresAt > nowMs && entry.sessionId !== undefined);
}

function emit(ctx: ServiceContext, identity: Identity, nowMs: number, events: Event[]): void {
  if (!ctx.audit || events.length === 0) return;
  const at = isoTime(nowMs);
  for (const event of events) {
    // The events were made for this call alone: completing them in place saves a copy per event.
    const full = event as AuditEvent;
    full.at = at;
    full.userId = identity.userId;
    full.sessionId = identity.sessionId;
    ctx.audit(full);
  }
}

function lockedAnswer(until: number | null, nowMs: number): Answer {
  return until === null
    ? errorAnswer('locked', 'Too many failed codes. An administrator must unlock this account.')
    : errorAnswer('locked', 'Too many failed codes. Try again later.', {
        retryAfter: secondsUntil(until, nowMs),
      });
}

function notEnrolled(): Outcome {
  return { ok: false, answer: errorAnswer('bad-request', 'No authenticator is enrolled.'), events: [] };
}

/** A refused attempt while locked: counted nowhere, audited. */
function stillLocked(until: number | null, nowMs: number, stage: Stage): Outcome {
  const events: Event[] = [{ type: 'verify-failed', outcome: 'failure', stage, reason: 'locked', attemptsLeft: 0 }];
  return { ok: false, answer: lockedAnswer(until, nowMs), events };
}

/** Counts a wrong code and says so, uniformly (S22): locked when this failure started a lock. */
function failure(
  ctx: ServiceContext,
  user: UserRecord,
  nowMs: number,
  stage: Stage,
  skewSeconds?: number | null,
): UserChange<Outcome> {
  const next = withFailure(user, nowMs);
  const lock = lockStateOf(ctx.policy.lockout, next, nowMs);
  const attemptsLeft = lock.locked ? 0 : lock.attemptsLeft;
  const events: Event[] = [{ type: 'verify-failed', outcome: 'failure', stage, reason: 'invalid-code', attemptsLeft }];
  if (lock.locked) {
    const lockedUntil = lock.until === null ? null : new Date(lock.until).toISOString();
    events.push({ type: 'locked', outcome: 'failure', stage, lockedUntil });
    return { next, result: { ok: false, answer: lockedAnswer(lock.until, nowMs), events } };
  }
  const extras = skewSeconds == null ? { attemptsLeft } : { attemptsLeft, skewSeconds };
  return { next, result: { ok: false, answer: errorAnswer('invalid-code', INVALID, extras), events } };
}

function isAsciiDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x30 || unit > 0x39) return false;
  }
  return true;
}

/** The `{code}` body as exactly `digits` ASCII digits, or the bad-request answer (S18). */
function codeFrom(body: unknown, digits: number): { code: string } | { answer: Answer } {
  // The usual body, exactly `digits` ASCII digits and nothing to remove, needs neither the schema
  // nor normalizing: both would hand back this same string. Anything else takes the full path
  // below, which gives every answer.
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const code = (body as { code?: unknown }).code;
    if (typeof code === 'string' && code.length === digits && isAsciiDigits(code)) return { code };
  }
  const parsed = CodeBody.safeParse(body);
  if (!parsed.success) return { answer: errorAnswer('bad-request', 'The body must be {"code": "<digits>"}.') };
  const normalized = normalizeCode(parsed.data.code, { digits, asciiOnly: true });
  if (!normalized.ok) return { answer: errorAnswer('bad-request', `The code must be ${digits} digits.`) };
  return { code: normalized.code };
}

async function succeed(
  ctx: ServiceContext,
  identity: Identity,
  request: Request | null,
  outcome: Extract<Outcome, { ok: true }>,
  nowMs: number,
  body: unknown,
): Promise<Answer> {
  const { sessionId, headers } = await markVerified(ctx, identity, request, outcome.generation, nowMs);
  if (sessionId !== identity.sessionId) for (const event of outcome.events) event.rotatedTo = sessionId;
  emit(ctx, identity, nowMs, outcome.events);
  return headers === undefined ? { status: 200, body } : { status: 200, body, hostHeaders: headers };
}

/** `GET /status`. */
export async function status(ctx: ServiceContext, identity: Identity): Promise<Answer> {
  const nowMs = ctx.now();
  const standing = await standingOf(ctx, identity, nowMs);
  return { status: 200, body: statusBody(ctx, identity, standing, nowMs) };
}

/** `POST /enrollment`: a pending secret of this session, the same one while it is pending (S25, S26, S42). */
export async function startEnrollment(ctx: ServiceContext, identity: Identity): Promise<Answer> {
  try {
    checkLabelPart('account', identity.account);
  } catch {
    // The host's account label, not the user's input; refused before anything is stored.
    return errorAnswer('bad-request', 'The account name cannot be used in an authenticator (empty or with ":").');
  }
  const nowMs = ctx.now();
  const { algorithm, digits, period } = ctx.policy.totp;
  const session = await ctx.store.getSession(identity.sessionId);
  const freshlyVerified =
    ctx.allowReenrollment &&
    session !== null &&
    session.userId === identity.userId &&
    session.verifiedAt !== null &&
    nowMs - session.verifiedAt <= ctx.reenrollmentWindowMs;
  type Started =
    { refused: true } | { refused: false; pending: PendingRecord; resumed: boolean; otherSessions: number };
  const outcome = await ctx.store.updateUser(identity.userId, (current): UserChange<Started> => {
    const user = current ?? emptyUser(identity.userId);
    if (user.factor !== null && !(freshlyVerified && session!.generation === user.generation)) {
      return { result: { refused: true } };
    }
    const live = liveEnrollments(user, nowMs);
    const own = live.find((entry) => entry.sessionId === identity.sessionId);
    if (own !== undefined) {
      const next = live.length === (user.enrollments ?? []).length && user.pending === null ? undefined : live;
      const result = { refused: false as const, pending: own, resumed: true, otherSessions: live.length - 1 };
      return next === undefined ? { result } : { next: { ...user, pending: null, enrollments: next }, result };
    }
    const pending: PendingRecord = {
      secret: sealSecret(createSecret(ctx.random), user.userId, ctx.encryptionKey),
      algorithm,
      digits,
      period,
      createdAt: nowMs,
      expiresAt: nowMs + ctx.policy.enrollmentTtlSeconds * 1000,
      sessionId: identity.sessionId,
    };
    // A few sessions at once (a laptop and a phone) are normal; more than that is someone
    // scripting it, and the oldest pending secret gives way.
    const enrollments = [...live.slice(-(MAX_PENDING_ENROLLMENTS - 1)), pending];
    const result = { refused: false as const, pending, resumed: false, otherSessions: live.length };
    return { next: { ...user, pending: null, enrollments }, result };
  });
  if (outcome.refused) {
    return errorAnswer('already-enrolled', 'An authenticator is already enrolled for this account.');
  }
  const { pending, resumed, otherSessions } = outcome;
  const secret = ctx.keys.secretOf(pending.secret, identity.userId);
  const uri = buildOtpauthUri({
    issuer: ctx.issuer,
    account: identity.account,
    secret,
    algorithm: pending.algorithm,
    digits: pending.digits,
    period: pending.period,
  });
  const events: Event[] = [{ type: 'enrollment-started', outcome: 'success', resumed }];
  if (!resumed && otherSessions > 0) {
    // Someone else who knows the password may be enrolling their own authenticator: hosts may
    // want to alert on this one (S42).
    events.push({ type: 'enrollment-started-elsewhere', outcome: 'success', otherSessions });
  }
  emit(ctx, identity, nowMs, events);
  const body = {
    otpauthUri: uri,
    secret,
    issuer: ctx.issuer,
    account: identity.account,
    algorithm: pending.algorithm,
    digits: pending.digits,
    period: pending.period,
    expiresAt: new Date(pending.expiresAt).toISOString(),
  };
  return { status: 200, body };
}

/**
 * `POST /enrollment/confirm {code}`: activates this session's pending secret and issues recovery
 * codes. The first session to confirm wins; every other pending enrollment of the user is dropped
 * with it, so their confirms answer `already-enrolled` (S42).
 */
export async function confirmEnrollment(
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request: Request | null = null,
): Promise<Answer> {
  const input = codeFrom(body, ctx.policy.totp.digits);
  if ('answer' in input) return input.answer;
  const nowMs = ctx.now();
  const outcome = await ctx.store.updateUser(identity.userId, (user): UserChange<Outcome> => {
    const pending = user?.enrollments?.find((entry) => entry.sessionId === identity.sessionId);
    if (!user || !pending) {
      if (user?.factor) {
        const answer = errorAnswer('already-enrolled', 'An authenticator is already enrolled for this account.');
        return { result: { ok: false, answer, events: [] } };
      }
      const answer = errorAnswer('enrollment-expired', 'No enrollment is pending. Start again.');
      return { result: { ok: false, answer, events: [] } };
    }
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    if (lock.locked) return { result: stillLocked(lock.until, nowMs, 'enrollment') };
    if (pending.expiresAt <= nowMs) {
      const answer = errorAnswer('enrollment-expired', 'The enrollment expired. Start again.');
      const events: Event[] = [
        { type: 'verify-failed', outcome: 'failure', stage: 'enrollment', reason: 'enrollment-expired' },
      ];
      return { result: { ok: false, answer, events } };
    }
    const key = ctx.keys.get(pending.secret, user.userId);
    const params = { ...pending, window: ctx.policy.totp.window };
    const check = checkCode(key, input.code, params, nowMs, null);
    if (check.step === null) return failure(ctx, user, nowMs, 'enrollment', findSkew(key, input.code, params, nowMs));
    const { codes, hashes } = createRecoveryCodes(ctx.policy.recoveryCodes.count, ctx.random);
    const { secret, algorithm, digits, period, createdAt } = pending;
    const next: UserRecord = {
      ...withSuccess(user),
      factor: { secret, algorithm, digits, period, createdAt },
      pending: null,
      enrollments: [],
      lastStep: check.step,
      recoveryHashes: hashes,
      usedRecoveryCodes: [],
      generation: user.generation + 1,
    };
    const events: Event[] = [{ type: 'enrollment-confirmed', outcome: 'success', recoveryCodesLeft: codes.length }];
    return {
      next,
      result: { ok: true, generation: next.generation, recoveryCodes: codes, recoveryCodesLeft: codes.length, events },
    };
  });
  if (!outcome.ok) {
    emit(ctx, identity, nowMs, outcome.events);
    return outcome.answer;
  }
  return succeed(ctx, identity, request, outcome, nowMs, { state: 'verified', recoveryCodes: outcome.recoveryCodes });
}

/**
 * `POST /verify {code}` at sign-in, and the check behind `POST /recovery-codes` (stage
 * `regenerate`), which also replaces the recovery codes.
 */
export async function verify(
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request: Request | null = null,
  stage: 'sign-in' | 'regenerate' = 'sign-in',
): Promise<Answer> {
  const input = codeFrom(body, ctx.policy.totp.digits);
  if ('answer' in input) return input.answer;
  const nowMs = ctx.now();
  const outcome = await ctx.store.updateUser(identity.userId, (user): UserChange<Outcome> => {
    if (!user?.factor) return { result: notEnrolled() };
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    if (lock.locked) return { result: stillLocked(lock.until, nowMs, stage) };
    const factor = user.factor;
    if (factor.digits !== input.code.length) {
      return { result: { ok: false, answer: errorAnswer('bad-request', INVALID), events: [] } };
    }
    const key = ctx.keys.get(factor.secret, user.userId);
    const window = ctx.policy.totp.window;
    const params = { algorithm: factor.algorithm, digits: factor.digits, period: factor.period, window };
    const check = checkCode(key, input.code, params, nowMs, user.lastStep);
    if (check.step !== null) {
      const next: UserRecord = { ...withSuccess(user), lastStep: check.step };
      let recoveryCodes: string[] | undefined;
      const events: Event[] = [{ type: 'verified', outcome: 'success', stage }];
      if (stage === 'regenerate') {
        const made = createRecoveryCodes(ctx.policy.recoveryCodes.count, ctx.random);
        next.recoveryHashes = made.hashes;
        recoveryCodes = made.codes;
        events.push({ type: 'recovery-codes-regenerated', outcome: 'success', recoveryCodesLeft: made.codes.length });
      }
      const result = { ok: true as const, generation: next.generation, recoveryCodesLeft: 0, events };
      return { next, result: recoveryCodes ? { ...result, recoveryCodes } : result };
    }
    if (check.reused) {
      // Not counted: a double submit or a parallel retry of a good code is no guess (S14).
      const answer = errorAnswer('code-reused', 'This code was already used. Wait for the next one.');
      const events: Event[] = [{ type: 'verify-failed', outcome: 'failure', stage, reason: 'code-reused' }];
      return { result: { ok: false, answer, events } };
    }
    return failure(ctx, user, nowMs, stage);
  });
  if (!outcome.ok) {
    emit(ctx, identity, nowMs, outcome.events);
    return outcome.answer;
  }
  const answer = stage === 'regenerate' ? { recoveryCodes: outcome.recoveryCodes } : { state: 'verified' };
  return succeed(ctx, identity, request, outcome, nowMs, answer);
}

/** `POST /recovery-codes {code}` (extension): new recovery codes for a verified session (S30). */
export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request: Request | null = null,
): Promise<Answer> {
  const input = codeFrom(body, ctx.policy.totp.digits);
  if ('answer' in input) return input.answer;
  const standing = await standingOf(ctx, identity, ctx.now());
  if (standing.decision.reason !== 'verified') {
    const state = stateOf(standing.decision);
    return errorAnswer('totp-required', 'Verify a code in this session first.', { state });
  }
  return verify(ctx, identity, body, request, 'regenerate');
}

/** `POST /recovery {code}`: signs in with a single-use recovery code, throttled like codes (S30). */
export async function redeemRecoveryCode(
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request: Request | null = null,
): Promise<Answer> {
  const raw = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  const normalized = normalizeRecoveryCode(raw);
  if (normalized === null) return errorAnswer('bad-request', 'The body must be {"code": "xxxxx-xxxxx"}.');
  const hash = hashRecoveryCode(normalized);
  const nowMs = ctx.now();
  const outcome = await ctx.store.updateUser(identity.userId, (user): UserChange<Outcome> => {
    if (!user?.factor) return { result: notEnrolled() };
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    if (lock.locked) return { result: stillLocked(lock.until, nowMs, 'recovery') };
    const index = findRecoveryHash(user.recoveryHashes, hash);
    if (index < 0) return failure(ctx, user, nowMs, 'recovery');
    const recoveryHashes = user.recoveryHashes.filter((_, i) => i !== index);
    const next: UserRecord = { ...withSuccess(user), recoveryHashes };
    const left = recoveryHashes.length;
    const events: Event[] = [
      { type: 'recovery-code-used', outcome: 'success', stage: 'recovery', recoveryCodesLeft: left },
    ];
    return { next, result: { ok: true, generation: user.generation, recoveryCodesLeft: left, events } };
  });
  if (!outcome.ok) {
    emit(ctx, identity, nowMs, outcome.events);
    return outcome.answer;
  }
  const answer = { state: 'verified', recoveryCodesLeft: outcome.recoveryCodesLeft };
  return succeed(ctx, identity, request, outcome, nowMs, answer);
}

/** `POST /defer`: lets a user postpone enrollment, inside the grace period only (S32). */
export async function defer(ctx: ServiceContext, identity: Identity): Promise<Answer> {
  const nowMs = ctx.now();
  const { user, session, decision } = await standingOf(ctx, identity, nowMs);
  if (decision.reason === 'deferred') {
    return { status: 200, body: { state: 'deferred', graceEndsAt: decision.graceEndsAt!.toISOString() } };
  }
  if (decision.decision === 'enroll' && decision.canDefer) {
    await ctx.store.putSession({ ...blankSession(identity), ...session, deferred: true });
    emit(ctx, identity, nowMs, [{ type: 'deferred', outcome: 'success' }]);
    return { status: 200, body: { state: 'deferred', graceEndsAt: decision.graceEndsAt!.toISOString() } };
  }
  if (decision.decision === 'locked') {
    return lockedAnswer(decision.retryAt?.getTime() ?? null, nowMs);
  }
  if (user?.factor) {
    return errorAnswer('already-enrolled', 'An authenticator is already enrolled; there is nothing to defer.');
  }
  return errorAnswer('grace-expired', 'Enrollment can no longer be deferred.');
}
