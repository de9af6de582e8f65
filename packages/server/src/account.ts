/**
 * The account-management endpoints (REST contract v1 additions): list, add (step-up, S49),
 * confirm, rename and remove authenticators (never the last while TOTP is required, S50), and
 * "sign out other devices" (S57). Every change is audited (S56). All need a verified session.
 * One file past 300 lines: the endpoints share its refusal, list and step-up helpers.
 */
import { AddFactorBody, evaluatePolicy, FactorName, IdBody, MAX_FACTORS, RenameFactorBody } from '@totp-gate/core';
import { buildOtpauthUri, createSecret } from '@totp-gate/core/otp';
import type { Identity, ServiceContext, Standing } from './context.js';
import { codeWithin, isVerified, standingOf } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { confirmedFactor, factorsOf, newFactorId, pendingSecret, withFactors } from './factors.js';
import { clearDeviceCookie } from './device-cookie.js';
import { lockStateOf, withSuccess } from './lockout.js';
import { emit, failure, stillLocked, succeed, withCode, type Event, type Outcome } from './outcome.js';
import { cookieDeviceId, forgetDevices, liveDevices } from './remembered-devices.js';
import { stateOf } from './status.js';
import { emptyUser, type AddingRecord, type StoredFactor, type UserChange, type UserRecord } from './stores/types.js';
import { checkCode } from './verify.js';

/** How recently a session must have passed a code to add or remove an authenticator (S49). */
export const STEP_UP_MS = 5 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

function describe(factor: StoredFactor) {
  return {
    id: factor.id,
    name: factor.name,
    createdAt: iso(factor.createdAt),
    lastUsedAt: factor.lastUsedAt === null ? null : iso(factor.lastUsedAt),
  };
}

/** Whether the policy lets this user be without TOTP (not covered, or exempt). */
function canRemoveLast(ctx: ServiceContext, identity: Identity, nowMs: number): boolean {
  const decision = evaluatePolicy(
    ctx.policy,
    { userId: identity.userId, roles: identity.roles ?? [], enrolled: false },
    new Date(nowMs),
  );
  return decision.decision === 'open' || decision.decision === 'exempt';
}

function listAnswer(ctx: ServiceContext, identity: Identity, user: UserRecord | null, nowMs: number): Answer {
  return {
    status: 200,
    body: { factors: factorsOf(user).map(describe), canRemoveLast: canRemoveLast(ctx, identity, nowMs) },
  };
}

/**
 * The answer for a session that may not manage the account, or null when it may. A step-up needs
 * a code in the last few minutes; a session a remembered device let in has entered none (S58).
 */
export function refusal(standing: Standing, identity: Identity, nowMs: number, stepUp: boolean): Answer | null {
  if (!isVerified(identity, standing.user, standing.session)) {
    return errorAnswer('totp-required', 'Verify a code in this session first.', {
      state: stateOf(standing.decision),
    });
  }
  if (stepUp && !codeWithin(standing.session, nowMs, STEP_UP_MS)) {
    return errorAnswer('step-up-required', 'Enter a current code first.');
  }
  return null;
}

/** This moment and the session's standing, or the answer refusing it (see {@link refusal}). */
export type Managing = { refused: null; nowMs: number; standing: Standing } | { refused: Answer };

/** Whether this session may manage the account now: see {@link refusal}. */
export async function managing(ctx: ServiceContext, identity: Identity, stepUp: boolean): Promise<Managing> {
  const nowMs = ctx.now();
  const standing = await standingOf(ctx, identity, nowMs);
  const refused = refusal(standing, identity, nowMs, stepUp);
  return refused ? { refused } : { refused: null, nowMs, standing };
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, body: unknown) {
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** Keeps this session verified across a generation change it caused itself (its code still counts). */
async function keepVerified(ctx: ServiceContext, standing: Standing, generation: number): Promise<void> {
  await ctx.store.putSession({ ...standing.session!, generation });
}

/** `GET /factors`. */
export async function listFactors(ctx: ServiceContext, identity: Identity): Promise<Answer> {
  const nowMs = ctx.now();
  const standing = await standingOf(ctx, identity, nowMs);
  return refusal(standing, identity, nowMs, false) ?? listAnswer(ctx, identity, standing.user, nowMs);
}

/** `POST /factors {name, replaces?}`: a new secret for another authenticator, bound to this session. */
export async function addFactor(ctx: ServiceContext, identity: Identity, body: unknown): Promise<Answer> {
  const input = parse(AddFactorBody, body);
  if (input === null) return errorAnswer('bad-request', 'The body must be {"name": "…"} (1 to 64 characters).');
  const allowed = await managing(ctx, identity, true);
  if (allowed.refused) return allowed.refused;
  const { nowMs } = allowed;
  const secret = createSecret(ctx.random);
  const name = input.name.trim();
  type Result = { answer: Answer } | { adding: AddingRecord; resumed: boolean };
  const outcome = await ctx.store.updateUser(identity.userId, (current): UserChange<Result> => {
    const user = current ?? emptyUser(identity.userId);
    const factors = factorsOf(user);
    if (input.replaces !== undefined && !factors.some((f) => f.id === input.replaces)) {
      return { result: { answer: errorAnswer('unknown-id', 'There is no authenticator with this id.') } };
    }
    if (factors.length >= MAX_FACTORS) {
      return { result: { answer: errorAnswer('bad-request', `At most ${MAX_FACTORS} authenticators.`) } };
    }
    const others = (user.adding ?? []).filter((a) => a.sessionId !== identity.sessionId && a.expiresAt > nowMs);
    const mine = user.adding?.find((a) => a.sessionId === identity.sessionId && a.expiresAt > nowMs);
    // The same secret again while it is pending (a reload keeps the QR code), with the new name.
    const adding: AddingRecord = mine
      ? { ...mine, name, ...(input.replaces !== undefined ? { replaces: input.replaces } : {}) }
      : {
          ...pendingSecret(ctx, user.userId, identity.sessionId, secret, nowMs),
          name,
          ...(input.replaces !== undefined ? { replaces: input.replaces } : {}),
        };
    if (mine && input.replaces === undefined) delete adding.replaces;
    return { next: { ...user, adding: [...others, adding] }, result: { adding, resumed: mine !== undefined } };
  });
  if ('answer' in outcome) return outcome.answer;
  const { adding } = outcome;
  const plain = ctx.keys.secretOf(adding.secret, identity.userId);
  const params = { algorithm: adding.algorithm, digits: adding.digits, period: adding.period };
  emit(ctx, identity, nowMs, [{ type: 'factor-adding', outcome: 'success', resumed: outcome.resumed }]);
  return {
    status: 200,
    body: {
      otpauthUri: buildOtpauthUri({ issuer: ctx.issuer, account: identity.account, secret: plain, ...params }),
      secret: plain,
      issuer: ctx.issuer,
      account: identity.account,
      ...params,
      expiresAt: iso(adding.expiresAt),
    },
  };
}

/** `POST /factors/confirm {code}`: the new authenticator becomes active (and replaces one if asked). */
export const confirmFactor = withCode(async (ctx, identity, code, _body, request) => {
  const allowed = await managing(ctx, identity, false);
  if (allowed.refused) return allowed.refused;
  const { nowMs } = allowed;
  const id = newFactorId(ctx.random);
  type Done = Outcome & { factor?: StoredFactor; factors?: StoredFactor[]; removed?: string[] };
  const outcome = await ctx.store.updateUser(identity.userId, (user): UserChange<Done> => {
    const adding = user?.adding?.find((a) => a.sessionId === identity.sessionId);
    if (!user || !adding || adding.expiresAt <= nowMs) {
      const answer = errorAnswer('enrollment-expired', 'No authenticator is being added. Start again.');
      return { result: { ok: false, answer, events: [] } };
    }
    const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
    if (lock.locked) return { result: stillLocked(lock.until, nowMs, 'enrollment') };
    const key = ctx.keys.get(adding.secret, user.userId);
    const step = checkCode(key, code, { ...adding, window: ctx.policy.totp.window }, nowMs, null).step;
    if (step === null) return failure(ctx, user, nowMs, 'enrollment');
    const factor = confirmedFactor(adding, { createdAt: nowMs, id, name: adding.name, lastStep: step });
    const old = factorsOf(user);
    const removed = adding.replaces !== undefined && old.some((f) => f.id === adding.replaces) ? [adding.replaces] : [];
    const factors = [...old.filter((f) => !removed.includes(f.id)), factor];
    // A removed factor takes every verified session with it (generation), so this one is marked again below.
    const generation = removed.length > 0 ? user.generation + 1 : user.generation;
    const next: UserRecord = {
      ...withFactors(withSuccess(removed.length > 0 ? forgetDevices(user) : user), factors),
      adding: (user.adding ?? []).filter((a) => a !== adding),
      generation,
    };
    const events: Event[] = [
      {
        type: 'factor-added',
        outcome: 'success',
        factorId: id,
        ...(removed.length > 0 ? { replaced: removed[0] } : {}),
      },
    ];
    return { next, result: { ok: true, generation, recoveryCodesLeft: 0, events, factor, factors, removed } };
  });
  if (!outcome.ok) {
    emit(ctx, identity, nowMs, outcome.events);
    return outcome.answer;
  }
  return succeed(ctx, identity, request, outcome, nowMs, {
    factor: describe(outcome.factor!),
    factors: outcome.factors!.map(describe),
    removed: outcome.removed!,
  });
});

/** `POST /factors/rename {id, name}`. */
export async function renameFactor(ctx: ServiceContext, identity: Identity, body: unknown): Promise<Answer> {
  const input = parse(RenameFactorBody, body);
  if (input === null || !FactorName.safeParse(input.name).success) {
    return errorAnswer('bad-request', 'The body must be {"id": "…", "name": "…"} (1 to 64 characters).');
  }
  const allowed = await managing(ctx, identity, false);
  if (allowed.refused) return allowed.refused;
  const { nowMs } = allowed;
  const name = input.name.trim();
  const user = await ctx.store.updateUser(identity.userId, (current): UserChange<UserRecord | null> => {
    const factors = factorsOf(current);
    if (!current || !factors.some((f) => f.id === input.id)) return { result: null };
    const next = withFactors(
      current,
      factors.map((f) => (f.id === input.id ? { ...f, name } : f)),
    );
    return { next, result: next };
  });
  if (user === null) return errorAnswer('unknown-id', 'There is no authenticator with this id.');
  emit(ctx, identity, nowMs, [{ type: 'factor-renamed', outcome: 'success', factorId: input.id }]);
  return listAnswer(ctx, identity, user, nowMs);
}

/** `POST /factors/remove {id}`: never the last one while TOTP is required (S50). */
export async function removeFactor(ctx: ServiceContext, identity: Identity, body: unknown): Promise<Answer> {
  const input = parse(IdBody, body);
  if (input === null) return errorAnswer('bad-request', 'The body must be {"id": "…"}.');
  const allowed = await managing(ctx, identity, true);
  if (allowed.refused) return allowed.refused;
  const { nowMs, standing } = allowed;
  const lastAllowed = canRemoveLast(ctx, identity, nowMs);
  type Removed = { answer: Answer } | { user: UserRecord };
  const outcome = await ctx.store.updateUser(identity.userId, (current): UserChange<Removed> => {
    const factors = factorsOf(current);
    if (!current || !factors.some((f) => f.id === input.id)) {
      return { result: { answer: errorAnswer('unknown-id', 'There is no authenticator with this id.') } };
    }
    if (factors.length === 1 && !lastAllowed) {
      const answer = errorAnswer('last-factor', 'The only authenticator cannot be removed while TOTP is required.');
      return { result: { answer } };
    }
    // Every session verified with the old set of factors must pass again; this one is marked below.
    // Remembered devices were remembered on the strength of the old set too (S58).
    const next: UserRecord = {
      ...withFactors(
        forgetDevices(current),
        factors.filter((f) => f.id !== input.id),
      ),
      generation: current.generation + 1,
    };
    return { next, result: { user: next } };
  });
  if ('answer' in outcome) {
    const events: Event[] = [{ type: 'factor-removed', outcome: 'failure', factorId: input.id, reason: 'refused' }];
    emit(ctx, identity, nowMs, events);
    return outcome.answer;
  }
  if (outcome.user.factor !== null) await keepVerified(ctx, standing, outcome.user.generation);
  emit(ctx, identity, nowMs, [{ type: 'factor-removed', outcome: 'success', factorId: input.id }]);
  return listAnswer(ctx, identity, outcome.user, nowMs);
}

/**
 * `POST /sign-out-others`: every other session must pass a code again (S57), and every remembered
 * device is forgotten, this browser's included (S58).
 */
export async function signOutOthers(
  ctx: ServiceContext,
  identity: Identity,
  request: Request | null = null,
): Promise<Answer> {
  const allowed = await managing(ctx, identity, false);
  if (allowed.refused) return allowed.refused;
  const { nowMs, standing } = allowed;
  const changed = await ctx.store.updateUser(identity.userId, (current) => {
    const user = current ?? emptyUser(identity.userId);
    const devicesRevoked = ctx.policy.rememberDevice.enabled ? liveDevices(user, nowMs).length : 0;
    const next = { ...forgetDevices(user), generation: user.generation + 1 };
    return { next, result: { generation: next.generation, devicesRevoked } };
  });
  await keepVerified(ctx, standing, changed.generation);
  const { devicesRevoked } = changed;
  emit(ctx, identity, nowMs, [{ type: 'signed-out-others', outcome: 'success', devicesRevoked }]);
  const answer: Answer = { status: 200, body: { devicesRevoked } };
  if (cookieDeviceId(ctx.deviceCookie, request) !== null) answer.cookies = [clearDeviceCookie(ctx.deviceCookie)];
  return answer;
}
