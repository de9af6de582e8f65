/**
 * The endpoints of the REST contract v1 as plain functions of (identity, body) → answer, without
 * HTTP. `handle()` routes to them; hosts that do not speak fetch may call them directly.
 */
import type { Identity, ServiceContext } from './context.js';
import { blankSession, markVerified, standingOf } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { lockStateOf, withSuccess } from './lockout.js';
import {
  emit,
  failure,
  INVALID,
  lockedAnswer,
  notEnrolled,
  stillLocked,
  succeed,
  withCode,
  type Event,
  type Outcome,
} from './outcome.js';
import { RETRY, withRecoveryCodes, type MadeCodes } from './recovery-codes.js';
import { stateOf, statusBody } from './status.js';
import { emptyUser, type UserChange, type UserRecord } from './stores/types.js';
import { checkCode } from './verify.js';
import { factorsOf, withFactors } from './factors.js';
import { rememberDevice } from './remembered-devices.js';

export { confirmEnrollment, startEnrollment } from './enrollment.js';
export { redeemRecoveryCode } from './recovery-codes.js';

/**
 * `GET /status`. A remembered device (S58) lets the session in here: it is marked verified (by
 * that device, not a code; the host's `onVerified` may rotate it) and the answer says `verified`.
 */
export async function status(ctx: ServiceContext, identity: Identity, request: Request | null = null): Promise<Answer> {
  const nowMs = ctx.now();
  const standing = await standingOf(ctx, identity, nowMs, request);
  const body = statusBody(ctx, identity, standing, nowMs);
  if (standing.decision.reason !== 'remembered-device') return { status: 200, body };
  const deviceId = standing.device!.id;
  const { sessionId, headers } = await markVerified(ctx, identity, request, standing.user!.generation, nowMs, {
    viaDevice: deviceId,
  });
  const event: Event = { type: 'device-recognised', outcome: 'success', deviceId };
  if (sessionId !== identity.sessionId) event.rotatedTo = sessionId;
  emit(ctx, identity, nowMs, [event]);
  return headers === undefined ? { status: 200, body } : { status: 200, body, hostHeaders: headers };
}

/** `POST /verify {code, rememberDevice?}` at sign-in. */
export const verify = withCode((ctx, identity, code, body, request) =>
  checkSignInCode(ctx, identity, code, body, request, 'sign-in'),
);

/**
 * The check behind `POST /verify` and `POST /recovery-codes` (stage `regenerate`), which also
 * replaces the recovery codes.
 */
async function checkSignInCode(
  ctx: ServiceContext,
  identity: Identity,
  code: string,
  body: object,
  request: Request | null,
  stage: 'sign-in' | 'regenerate',
): Promise<Answer> {
  const remember = (body as { rememberDevice?: unknown }).rememberDevice;
  if (remember !== undefined && typeof remember !== 'boolean') {
    return errorAnswer('bad-request', 'rememberDevice must be true or false.');
  }
  const nowMs = ctx.now();
  const decide = (user: UserRecord | null, made: MadeCodes | undefined): UserChange<Outcome | typeof RETRY> => {
    const factors = factorsOf(user);
    if (!user || factors.length === 0) return { result: notEnrolled() };
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    if (lock.locked) return { result: stillLocked(lock.until, nowMs, stage) };
    const window = ctx.policy.totp.window;
    // Every factor is tried, each with its own replay protection (S51): the first one for which
    // the code is fresh wins; a code only some factor already accepted is a reuse.
    let reused = false;
    let digitsMatch = false;
    for (let i = 0; i < factors.length; i++) {
      const factor = factors[i]!;
      if (factor.digits !== code.length) continue;
      digitsMatch = true;
      const key = ctx.keys.get(factor.secret, user.userId);
      const params = { algorithm: factor.algorithm, digits: factor.digits, period: factor.period, window };
      const check = checkCode(key, code, params, nowMs, factor.lastStep);
      if (check.step === null) {
        reused ||= check.reused;
        continue;
      }
      // Key rotation: a secret sealed under a previous key is sealed again under the current one.
      const resealed = ctx.keys.reseal(factor.secret, user.userId);
      const secret = resealed ?? factor.secret;
      const updated = factors.map((f, j) => (j === i ? { ...f, secret, lastStep: check.step, lastUsedAt: nowMs } : f));
      const next: UserRecord = withFactors(withSuccess(user), updated);
      const events: Event[] = [{ type: 'verified', outcome: 'success', stage, factorId: factor.id }];
      const result = { ok: true as const, generation: next.generation, recoveryCodesLeft: 0, events };
      if (stage !== 'regenerate') return { next, result };
      if (made === undefined) return { result: RETRY };
      next.recoveryHashes = made.hashes;
      next.usedRecoveryCodes = [];
      const left = made.codes.length;
      events.push({ type: 'recovery-codes-regenerated', outcome: 'success', recoveryCodesLeft: left });
      return { next, result: { ...result, recoveryCodes: made.codes, recoveryCodesLeft: left } };
    }
    if (!digitsMatch) return { result: { ok: false, answer: errorAnswer('bad-request', INVALID), events: [] } };
    const check = { reused };
    if (check.reused) {
      // Not counted: a double submit or a parallel retry of a good code is no guess (S14).
      const answer = errorAnswer('code-reused', 'This code was already used. Wait for the next one.');
      const events: Event[] = [{ type: 'verify-failed', outcome: 'failure', stage, reason: 'code-reused' }];
      return { result: { ok: false, answer, events } };
    }
    return failure(ctx, user, nowMs, stage);
  };
  // At sign-in one check-and-set does it all (the hot path). A regeneration makes its codes first,
  // once a read says the code is right.
  const outcome =
    stage === 'sign-in'
      ? ((await ctx.store.updateUser(identity.userId, (user) => decide(user, undefined))) as Outcome)
      : await withRecoveryCodes(
          ctx,
          identity.userId,
          (user) => {
            const result = decide(user, { codes: [], hashes: [] }).result;
            return result !== RETRY && result.ok;
          },
          (made) => ctx.store.updateUser(identity.userId, (user) => decide(user, made)),
        );
  if (!outcome.ok) {
    emit(ctx, identity, nowMs, outcome.events);
    return outcome.answer;
  }
  if (stage === 'regenerate') {
    const answer = { recoveryCodes: outcome.recoveryCodes, recoveryCodesLeft: outcome.recoveryCodesLeft };
    return succeed(ctx, identity, request, outcome, nowMs, answer);
  }
  // "Don't ask again on this device" (S58): only after this code passed, only if the policy offers it.
  const remembered =
    remember === true ? await rememberDevice(ctx, identity.userId, request, outcome.generation, nowMs) : null;
  if (remembered !== null) {
    outcome.events.push({ type: 'device-remembered', outcome: 'success', deviceId: remembered.device.id });
  }
  const answer = await succeed(ctx, identity, request, outcome, nowMs, { state: 'verified' });
  if (remembered !== null) answer.cookies = [remembered.cookie];
  return answer;
}

/** `POST /recovery-codes {code}` (extension): new recovery codes for a verified session (S30). */
export const regenerateRecoveryCodes = withCode(async (ctx, identity, code, body, request) => {
  const standing = await standingOf(ctx, identity, ctx.now());
  if (standing.decision.reason !== 'verified') {
    const state = stateOf(standing.decision);
    return errorAnswer('totp-required', 'Verify a code in this session first.', { state });
  }
  return checkSignInCode(ctx, identity, code, body, request, 'regenerate');
});

/** `POST /defer`: lets a user postpone enrollment, inside the grace period only (S32). */
export async function defer(ctx: ServiceContext, identity: Identity): Promise<Answer> {
  const nowMs = ctx.now();
  const { user, session, decision } = await standingOf(ctx, identity, nowMs);
  if (decision.reason === 'deferred') {
    return { status: 200, body: { state: 'deferred', graceEndsAt: decision.graceEndsAt!.toISOString() } };
  }
  if (decision.decision === 'enroll' && decision.canDefer) {
    // The deferral lasts as long as the grace period, and the record with it (S32, S45).
    const expiresAt = decision.graceEndsAt!.getTime();
    await ctx.store.putSession({ ...blankSession(identity, nowMs, ctx), ...session, deferred: true, expiresAt });
    // Noted on the user too, for the administrator's list ("deferred", and since when).
    await ctx.store.updateUser(identity.userId, (current) => ({
      next: { ...(current ?? emptyUser(identity.userId)), deferredAt: nowMs },
      result: undefined,
    }));
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
