/**
 * The `GET /status` answer and the mapping from a policy decision to a contract state.
 */
import { attemptsLeft, type PolicyDecision, type ServerState, type Status } from '@totp-gate/core';
import type { Identity, ServiceContext, Standing } from './context.js';
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

/** The body of `GET /status`, with the optional `exemption`, `digits` and `attemptsLeft`. */
export function statusBody(ctx: ServiceContext, identity: Identity, standing: Standing, nowMs: number): Status {
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
    attemptsLeft: attemptsLeft(ctx.policy.lockout, user?.failures ?? 0),
    // Only when the policy offers "Don't ask again on this device" (S58): the sign-in then shows the box.
    ...(ctx.policy.rememberDevice.enabled ? { rememberDays: rememberDaysOf(ctx.policy) } : {}),
  };
}
