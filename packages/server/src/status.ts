/**
 * The `GET /status` answer and the mapping from a policy decision to a contract state.
 */
import { attemptsLeft, type PolicyDecision, type ServerState, type Status } from '@totp-gate/core';
import type { ChallengeReason, Identity, ServiceContext, Standing } from './context.js';
import { rememberDaysOf } from './remembered-devices.js';

/**
 * The contract state for a decision. A user the policy does not cover (`not-required`) is
 * reported as `exempt` without an `exemption`: the gate opens, and no exemption was used.
 */
export function stateOf(decision: PolicyDecision): ServerState {
  switch (decision.decision) {
    case 'enroll':
      return 'enrollment-required';
    case 'challenge':
      return 'challenge-required';
    case 'locked':
      return 'locked';
    case 'exempt':
      return 'exempt';
    case 'open':
      if (decision.reason === 'deferred') return 'deferred';
      if (decision.reason === 'not-required') return 'exempt';
      return 'verified';
  }
}

/** The body of `GET /status`, with the optional `exemption`, `digits`, `attemptsLeft` and `reason`. */
export function statusBody(
  ctx: ServiceContext,
  identity: Identity,
  standing: Standing,
  nowMs: number,
): Status & { reason: ChallengeReason | null } {
  const { user, decision } = standing;
  const enrolled = user?.factor != null;
  return {
    state: stateOf(decision),
    account: identity.account,
    issuer: ctx.issuer,
    graceEndsAt: decision.graceEndsAt?.toISOString() ?? null,
    lockedUntil: decision.retryAt?.toISOString() ?? null,
    recoveryCodesLeft: enrolled ? user!.recoveryHashes.length : null,
    serverTime: new Date(nowMs).toISOString(),
    exemption: decision.exemption
      ? { reason: decision.exemption.reason, expiresAt: decision.exemption.expiresAt?.toISOString() ?? null }
      : null,
    digits: user?.factor?.digits ?? ctx.policy.totp.digits,
    // While locked no attempt is left, whatever the count says about the attempt after the lock.
    attemptsLeft: decision.decision === 'locked' ? 0 : attemptsLeft(ctx.policy.lockout, user?.failures ?? 0),
    // Extension (S43): why a session that was verified must pass a code again. Not in core's
    // schema, which the browser bundle carries: the gate follows `state`, the host may show it.
    reason: standing.reason,
    // Only when the policy offers "Don't ask again on this device" (S58): the sign-in then shows the box.
    ...(ctx.policy.rememberDevice.enabled ? { rememberDays: rememberDaysOf(ctx.policy) } : {}),
  };
}
