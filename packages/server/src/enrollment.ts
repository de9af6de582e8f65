/**
 * `POST /enrollment` and `POST /enrollment/confirm`: a pending secret per session (S25, S42),
 * activated by the first session that proves it with a code.
 */
import { checkLabelPart, MAX_FACTORS } from '@totp-gate/core';
import { buildOtpauthUri, createSecret } from '@totp-gate/core/otp';
import { codeWithin, inRecoveryWindow, type Identity, type ServiceContext } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { lockStateOf, withSuccess } from './lockout.js';
import { emit, failure, stillLocked, succeed, withCode, type Event, type Outcome } from './outcome.js';
import { RETRY, withRecoveryCodes } from './recovery-codes.js';
import { confirmedFactor, DEFAULT_FACTOR_NAME, factorsOf, newFactorId, pendingSecret, withFactors } from './factors.js';
import { emptyUser, type PendingRecord, type UserChange, type UserRecord } from './stores/types.js';
import { checkCode, findSkew } from './verify.js';

/** Pending enrollments one user may have at once, one per session (S42). */
const MAX_PENDING_ENROLLMENTS = 5;

/**
 * The user's pending enrollments that have not expired. The per-user pending enrollment of a
 * record from before S42 is not among them: any session may have been given that secret.
 */
function liveEnrollments(user: UserRecord, nowMs: number): PendingRecord[] {
  return (user.enrollments ?? []).filter((entry) => entry.expiresAt > nowMs && entry.sessionId !== undefined);
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
  const session = await ctx.store.getSession(identity.sessionId);
  const freshlyVerified =
    ctx.allowReenrollment &&
    session !== null &&
    session.userId === identity.userId &&
    codeWithin(session, nowMs, ctx.reenrollmentWindowMs);
  type Started =
    { refused: true } | { refused: false; pending: PendingRecord; resumed: boolean; otherSessions: number };
  const outcome = await ctx.store.updateUser(identity.userId, (current): UserChange<Started> => {
    const user = current ?? emptyUser(identity.userId);
    // Another authenticator replaces the active one only for a recent code (S26) or in the window a
    // recovery code opened (S55).
    const recovering = inRecoveryWindow(identity, user, session, nowMs);
    if (user.factor !== null && !recovering && !(freshlyVerified && session!.generation === user.generation)) {
      return { result: { refused: true } };
    }
    const live = liveEnrollments(user, nowMs);
    const own = live.find((entry) => entry.sessionId === identity.sessionId);
    if (own !== undefined) {
      const next = live.length === (user.enrollments ?? []).length && user.pending === null ? undefined : live;
      const result = { refused: false as const, pending: own, resumed: true, otherSessions: live.length - 1 };
      return next === undefined ? { result } : { next: { ...user, pending: null, enrollments: next }, result };
    }
    const pending = pendingSecret(ctx, user.userId, identity.sessionId, createSecret(ctx.random), nowMs);
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
export const confirmEnrollment = withCode(async (ctx, identity, code, _body, request) => {
  const nowMs = ctx.now();
  const factorId = newFactorId(ctx.random);
  // After a recovery code under `afterUse: 'enroll'` the old authenticators stay (S55).
  const session =
    ctx.policy.recoveryCodes.afterUse === 'enroll' ? await ctx.store.getSession(identity.sessionId) : null;
  const keepOld = session?.userId === identity.userId && session.mustEnrollUntil !== undefined;
  type Checked = { answer: UserChange<Outcome> } | { step: number; pending: PendingRecord };
  const check = (user: UserRecord | null): Checked => {
    const pending = user?.enrollments?.find((entry) => entry.sessionId === identity.sessionId);
    if (!user || !pending) {
      if (user?.factor) {
        const answer = errorAnswer('already-enrolled', 'An authenticator is already enrolled for this account.');
        return { answer: { result: { ok: false, answer, events: [] } } };
      }
      const answer = errorAnswer('enrollment-expired', 'No enrollment is pending. Start again.');
      return { answer: { result: { ok: false, answer, events: [] } } };
    }
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    if (lock.locked) return { answer: { result: stillLocked(lock.until, nowMs, 'enrollment') } };
    if (pending.expiresAt <= nowMs) {
      const answer = errorAnswer('enrollment-expired', 'The enrollment expired. Start again.');
      const events: Event[] = [
        { type: 'verify-failed', outcome: 'failure', stage: 'enrollment', reason: 'enrollment-expired' },
      ];
      return { answer: { result: { ok: false, answer, events } } };
    }
    const key = ctx.keys.get(pending.secret, user.userId);
    const params = { ...pending, window: ctx.policy.totp.window };
    const step = checkCode(key, code, params, nowMs, null).step;
    if (step === null) {
      return { answer: failure(ctx, user, nowMs, 'enrollment', findSkew(key, code, params, nowMs)) };
    }
    return { step, pending };
  };
  // Recovery-code hashes may cost a scrypt each, which cannot run inside the store's check-and-set:
  // they are made before it, and only once a read says the code is right, so a wrong code costs
  // nothing more than it did.
  const outcome = await withRecoveryCodes(
    ctx,
    identity.userId,
    (user) => !('answer' in check(user)),
    (made) =>
      ctx.store.updateUser(identity.userId, (user): UserChange<Outcome | typeof RETRY> => {
        const checked = check(user);
        if ('answer' in checked) return checked.answer;
        if (made === undefined) return { result: RETRY };
        const { pending, step } = checked;
        const first = confirmedFactor(pending, {
          createdAt: pending.createdAt,
          id: factorId,
          name: DEFAULT_FACTOR_NAME,
          lastStep: step,
        });
        const old = keepOld && session!.generation === user!.generation ? factorsOf(user) : [];
        if (old.length > 0) first.name = `${DEFAULT_FACTOR_NAME} ${old.length + 1}`;
        const factors = [...old, first].slice(-MAX_FACTORS);
        const next: UserRecord = {
          ...withFactors(withSuccess(user!), factors),
          pending: null,
          enrollments: [],
          adding: [],
          recoveryHashes: made.hashes,
          usedRecoveryCodes: [],
          generation: user!.generation + 1,
        };
        const left = made.codes.length;
        const events: Event[] = [{ type: 'enrollment-confirmed', outcome: 'success', recoveryCodesLeft: left }];
        return {
          next,
          result: { ok: true, generation: next.generation, recoveryCodes: made.codes, recoveryCodesLeft: left, events },
        };
      }),
  );
  if (!outcome.ok) {
    emit(ctx, identity, nowMs, outcome.events);
    return outcome.answer;
  }
  return succeed(ctx, identity, request, outcome, nowMs, { state: 'verified', recoveryCodes: outcome.recoveryCodes });
});
