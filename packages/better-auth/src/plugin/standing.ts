/**
 * Where a better-auth user stands under the mandatory-two-factor policy: TOTP Gate's own
 * `evaluatePolicy` over better-auth's facts (`twoFactorEnabled`, the session's marks, the
 * two-factor plugin's account lock), answered in the shape of the REST contract's `GET /status`.
 */
import { evaluatePolicy, type Policy, type ServerState, type Status } from '@totp-gate/core';
import type { BetterAuthUser } from '../identify.js';

/** The better-auth user fields read here: `identify.ts`'s, with the two-factor plugin's flag. */
export type PolicyUser = BetterAuthUser & { twoFactorEnabled?: boolean | null };

/** The session marks the plugin adds (null for a sign-in still waiting for its second factor). */
export interface SessionMarks {
  totpGateVerified?: boolean | null;
  totpGateDeferred?: boolean | null;
}

/** The facts the plugin's options turn into roles and a start of the requirement. */
export interface SubjectOptions {
  roles: (user: PolicyUser) => readonly string[];
  requiredSince: (user: PolicyUser) => Date | string | null;
}

/** The decision and the contract state for one user and session at `now`. */
export function standingOf(
  policy: Policy,
  options: SubjectOptions,
  user: PolicyUser,
  session: SessionMarks | null,
  lockedUntil: Date | null,
  now: Date,
) {
  const enrolled = user.twoFactorEnabled === true;
  const decision = evaluatePolicy(
    policy,
    {
      userId: user.id,
      roles: options.roles(user),
      enrolled,
      requiredSince: options.requiredSince(user),
      session: { verified: session?.totpGateVerified === true, deferred: session?.totpGateDeferred === true },
    },
    now,
  );
  // better-auth's own lock (accountLockout of its two-factor plugin) comes on top of the policy.
  const locked = enrolled && lockedUntil !== null && lockedUntil.getTime() > now.getTime();
  const state: ServerState = locked
    ? 'locked'
    : decision.decision === 'open'
      ? decision.reason === 'deferred'
        ? 'deferred'
        : 'verified'
      : decision.decision === 'exempt'
        ? 'exempt'
        : decision.decision === 'enroll'
          ? 'enrollment-required'
          : decision.decision === 'challenge'
            ? 'challenge-required'
            : 'locked';
  return { decision, state, open: state === 'verified' || state === 'exempt' || state === 'deferred' };
}

/** The `GET /status` answer of the REST contract for a standing. */
export function statusBody(
  standing: ReturnType<typeof standingOf>,
  facts: { account: string; issuer: string; lockedUntil: Date | null; attemptsLeft: number | null; now: Date },
): Status {
  return {
    state: standing.state,
    account: facts.account,
    issuer: facts.issuer,
    graceEndsAt: standing.decision.graceEndsAt?.toISOString() ?? null,
    lockedUntil: standing.state === 'locked' && facts.lockedUntil ? facts.lockedUntil.toISOString() : null,
    // better-auth keeps the backup codes encrypted as one value: how many are left is not known.
    recoveryCodesLeft: null,
    serverTime: facts.now.toISOString(),
    attemptsLeft: facts.attemptsLeft,
    exemption: standing.decision.exemption
      ? {
          reason: standing.decision.exemption.reason,
          expiresAt: standing.decision.exemption.expiresAt?.toISOString() ?? null,
        }
      : null,
  };
}
