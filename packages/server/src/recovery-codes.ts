/**
 * Recovery codes in the service: made outside the store's check-and-set (a hash may cost a
 * scrypt), redeemed once (S30), and a code sent again right after it was used refused without
 * counting as a guess (S47).
 */
import type { Identity, ServiceContext } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { lockStateOf, withSuccess } from './lockout.js';
import { emit, failure, notEnrolled, stillLocked, succeed, type Event, type Outcome } from './outcome.js';
import {
  createRecoveryCodes,
  hasLegacyHashes,
  matchingHashes,
  canonicalRecoveryCode,
  upgradeHashes,
} from './recovery.js';
import type { UsedRecoveryCode, UserChange, UserRecord } from './stores/types.js';

/** How long a redeemed code is remembered, so a second copy is refused and not counted (S47). */
export const REUSE_WINDOW_MS = 10 * 60_000;

/** Returned from a check-and-set that needs work done outside it first; the caller runs it again. */
export const RETRY = Symbol('retry');

/** New codes and their stored hashes. */
export type MadeCodes = { codes: string[]; hashes: string[] };

/**
 * Runs `run` with new recovery codes made beforehand when a read of the record says the action
 * will succeed (`willSucceed`), so a wrong code never pays for hashing. If the check-and-set
 * finds otherwise and asks for codes (`RETRY`), they are made and `run` goes again.
 */
export async function withRecoveryCodes<T>(
  ctx: ServiceContext,
  userId: string,
  willSucceed: (user: UserRecord | null) => boolean,
  run: (made: MadeCodes | undefined) => Promise<T | typeof RETRY>,
): Promise<T> {
  const make = () => createRecoveryCodes(ctx.policy.recoveryCodes.count, ctx.random, ctx.recoveryKey);
  let made = willSucceed(await ctx.store.getUser(userId)) ? await make() : undefined;
  for (;;) {
    const result = await run(made);
    if (result !== RETRY) return result;
    made = await make();
  }
}

function recentlyUsed(user: UserRecord, nowMs: number): UsedRecoveryCode[] {
  return (user.usedRecoveryCodes ?? []).filter((used) => nowMs - used.usedAt < REUSE_WINDOW_MS);
}

/** What a read of the record found before the check-and-set: the hashes it compared, those that matched. */
interface Prepared {
  checked: Set<string>;
  matched: Set<string>;
  /** New forms for unsalted SHA-256 hashes from older records, to be written with the outcome (S30). */
  upgraded: Map<string, string> | undefined;
}

async function prepare(ctx: ServiceContext, user: UserRecord | null, normalized: string, nowMs: number) {
  const prepared: Prepared = { checked: new Set(), matched: new Set(), upgraded: undefined };
  // No factor or a locked account is answered without hashing anything.
  if (!user?.factor || lockStateOf(ctx.policy.lockout, user, nowMs).locked) return prepared;
  const candidates = [...user.recoveryHashes, ...recentlyUsed(user, nowMs).map((used) => used.hash)];
  prepared.checked = new Set(candidates);
  prepared.matched = await matchingHashes(candidates, normalized, ctx.recoveryKey, ctx.previousRecoveryKeys);
  if (hasLegacyHashes(user.recoveryHashes)) {
    prepared.upgraded = await upgradeHashes(user.recoveryHashes, ctx.random, ctx.recoveryKey);
  }
  return prepared;
}

/** `POST /recovery {code}`: signs in with a single-use recovery code, throttled like codes (S30, S47). */
export async function redeemRecoveryCode(
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request: Request | null = null,
): Promise<Answer> {
  const raw = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  const normalized = canonicalRecoveryCode(raw);
  if (normalized === null) return errorAnswer('bad-request', 'The body must be {"code": "xxxxx-xxxxx"}.');
  const nowMs = ctx.now();
  for (;;) {
    const { checked, matched, upgraded } = await prepare(
      ctx,
      await ctx.store.getUser(identity.userId),
      normalized,
      nowMs,
    );
    const upgrade = (hashes: string[]) => (upgraded ? hashes.map((hash) => upgraded.get(hash) ?? hash) : hashes);
    const outcome = await ctx.store.updateUser(identity.userId, (user): UserChange<Outcome | typeof RETRY> => {
      if (!user?.factor) return { result: notEnrolled() };
      const lock = lockStateOf(ctx.policy.lockout, user, nowMs);
      if (lock.locked) return { result: stillLocked(lock.until, nowMs, 'recovery') };
      // The codes changed since the read (regenerated, or upgraded by a parallel attempt).
      if (user.recoveryHashes.some((hash) => !checked.has(hash))) return { result: RETRY };
      const used = recentlyUsed(user, nowMs);
      const index = user.recoveryHashes.findIndex((hash) => matched.has(hash));
      if (index >= 0) {
        const stored = user.recoveryHashes[index]!;
        const recoveryHashes = upgrade(user.recoveryHashes.filter((_, i) => i !== index));
        const usedRecoveryCodes = [...used, { hash: upgraded?.get(stored) ?? stored, usedAt: nowMs }];
        const next: UserRecord = { ...withSuccess(user), recoveryHashes, usedRecoveryCodes };
        const left = recoveryHashes.length;
        const events: Event[] = [
          { type: 'recovery-code-used', outcome: 'success', stage: 'recovery', recoveryCodesLeft: left },
        ];
        return { next, result: { ok: true, generation: user.generation, recoveryCodesLeft: left, events } };
      }
      if (used.some((entry) => matched.has(entry.hash))) {
        // Not counted: a double click or a retry of a code that just worked is no guess (S47).
        const answer = errorAnswer('code-reused', 'This recovery code was already used.');
        const events: Event[] = [
          { type: 'verify-failed', outcome: 'failure', stage: 'recovery', reason: 'code-reused' },
        ];
        const next = upgraded ? { ...user, recoveryHashes: upgrade(user.recoveryHashes) } : undefined;
        return { next, result: { ok: false, answer, events } };
      }
      const counted = failure(ctx, user, nowMs, 'recovery');
      if (upgraded && counted.next) counted.next.recoveryHashes = upgrade(user.recoveryHashes);
      return counted;
    });
    if (outcome === RETRY) continue;
    if (!outcome.ok) {
      emit(ctx, identity, nowMs, outcome.events);
      return outcome.answer;
    }
    const { afterUse, enrollWindowSeconds } = ctx.policy.recoveryCodes;
    if (afterUse === 'continue') {
      const answer = { state: 'verified', recoveryCodesLeft: outcome.recoveryCodesLeft };
      return succeed(ctx, identity, request, outcome, nowMs, answer);
    }
    // A new authenticator first (S55): the session may only enroll, for a short while.
    const answer = { state: 'enrollment-required', recoveryCodesLeft: outcome.recoveryCodesLeft };
    const mustEnrollUntil = nowMs + enrollWindowSeconds * 1000;
    return succeed(ctx, identity, request, outcome, nowMs, answer, { mustEnrollUntil });
  }
}
