/**
 * What the actions share: the outcome of a check-and-set inside the store, the answers for a
 * wrong, locked or malformed code, audit emission, and the verified-session write.
 */
import { CodeBody, normalizeCode } from '@totp-gate/core';
import type { AuditEvent } from './audit.js';
import { markVerified, type Identity, type ServiceContext } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { lockStateOf, secondsUntil, withFailure } from './lockout.js';
import type { UserChange, UserRecord } from './stores/types.js';

/** Where a code was checked. */
export type Stage = NonNullable<AuditEvent['stage']>;
/** An audit event before `emit` adds the time, user and session. */
export type Event = Omit<AuditEvent, 'at' | 'userId' | 'sessionId'>;

/** What a check-and-set inside the store decided. */
export type Outcome =
  | { ok: true; generation: number; recoveryCodes?: string[]; recoveryCodesLeft: number; events: Event[] }
  | { ok: false; answer: Answer; events: Event[] };

export const INVALID = 'The code is not valid.';

/** Completes and sends the audit events of one call. */
export function emit(ctx: ServiceContext, identity: Identity, nowMs: number, events: Event[]): void {
  if (!ctx.audit || events.length === 0) return;
  const at = new Date(nowMs).toISOString();
  const { userId, sessionId } = identity;
  // Object.assign rather than a spread literal: on Node 20 the spread was 2.8 % of a wrong code's
  // server CPU over HTTP (`--cpu-prof`), about three times the cost of this, for the same object.
  for (const event of events) ctx.audit(Object.assign({}, event, { at, userId, sessionId }) as AuditEvent);
}

/** The 429 answer for a lock until `until` (null: until an administrator resets). */
export function lockedAnswer(until: number | null, nowMs: number): Answer {
  return until === null
    ? errorAnswer('locked', 'Too many failed codes. An administrator must unlock this account.')
    : errorAnswer('locked', 'Too many failed codes. Try again later.', {
        retryAfter: secondsUntil(until, nowMs),
      });
}

/** A code for a user with no factor: bad input, not a wrong guess. */
export function notEnrolled(): Outcome {
  return { ok: false, answer: errorAnswer('bad-request', 'No authenticator is enrolled.'), events: [] };
}

/** A refused attempt while locked: counted nowhere, audited. */
export function stillLocked(until: number | null, nowMs: number, stage: Stage): Outcome {
  const events: Event[] = [{ type: 'verify-failed', outcome: 'failure', stage, reason: 'locked', attemptsLeft: 0 }];
  return { ok: false, answer: lockedAnswer(until, nowMs), events };
}

/** Counts a wrong code and says so, uniformly (S22): locked when this failure started a lock. */
export function failure(
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

/** The `{code}` body as exactly `digits` ASCII digits, or the bad-request answer (S18). */
export function codeFrom(body: unknown, digits: number): { code: string } | { answer: Answer } {
  const parsed = CodeBody.safeParse(body);
  if (!parsed.success) return { answer: errorAnswer('bad-request', 'The body must be {"code": "<digits>"}.') };
  const normalized = normalizeCode(parsed.data.code, { digits, asciiOnly: true });
  if (!normalized.ok) return { answer: errorAnswer('bad-request', `The code must be ${digits} digits.`) };
  return { code: normalized.code };
}

/** A contract operation as `service.ts` binds it: the context, who asks, the body as sent, the request. */
export type Operation = (
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request?: Request | null,
) => Promise<Answer>;

/**
 * An operation whose body is `{code}`: any body without exactly the policy's number of ASCII
 * digits is answered 400 before `run` sees it (S18). `run` also gets the body, for the fields
 * beside `code`.
 */
export function withCode(
  run: (
    ctx: ServiceContext,
    identity: Identity,
    code: string,
    body: object,
    request: Request | null,
  ) => Promise<Answer>,
): Operation {
  return async (ctx, identity, body, request = null) => {
    const input = codeFrom(body, ctx.policy.totp.digits);
    return 'answer' in input ? input.answer : run(ctx, identity, input.code, body as object, request);
  };
}

/** Marks the session verified (the host may rotate it), emits the events, answers 200 with `body`. */
export async function succeed(
  ctx: ServiceContext,
  identity: Identity,
  request: Request | null,
  outcome: Extract<Outcome, { ok: true }>,
  nowMs: number,
  body: unknown,
  extra?: Parameters<typeof markVerified>[5],
): Promise<Answer> {
  const { sessionId, headers } = await markVerified(ctx, identity, request, outcome.generation, nowMs, extra);
  if (sessionId !== identity.sessionId) for (const event of outcome.events) event.rotatedTo = sessionId;
  emit(ctx, identity, nowMs, outcome.events);
  return headers === undefined ? { status: 200, body } : { status: 200, body, hostHeaders: headers };
}
