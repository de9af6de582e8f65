/**
 * What `guard()` answers for a signed-in identity on the host's protected routes: null to go on,
 * else `403 totp-required` with the session's state and, for a session that was verified, why it
 * must pass a code again (S43): the verification lifetime ended, or the route's `maxAge` asked
 * for a fresher code than the session has.
 */
import { blankSession, codeWithin, standingOf, type Identity, type ServiceContext } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { stateOf } from './status.js';

/** Options for `TotpService.guard`. */
export interface GuardOptions {
  /**
   * For a sensitive route: the oldest a verification may be, in seconds (S43). An older one gets
   * `403 totp-required` with `reason: "step-up"`, and the session answers `challenge-required`
   * until a code passes again, so the gate in the page asks for one. Exempt users and sessions
   * that deferred enrollment have no code to give and are let through as without `maxAge`.
   */
  maxAge?: number;
}

const STEP_UP = 'Confirm it is you: enter a code from your authenticator app.';

/** The guard's answer at the service's now; `maxAge` in seconds, already checked. */
export async function guardAnswer(
  ctx: ServiceContext,
  identity: Identity,
  request: Request,
  maxAge: number | undefined,
): Promise<Answer | null> {
  // A remembered device counts here too (S58), without a write: the next GET /status marks the session.
  const nowMs = ctx.now();
  const { decision, session, reason } = await standingOf(ctx, identity, nowMs, request);
  const open = decision.decision === 'open';
  const byCodeOrDevice = decision.reason === 'verified' || decision.reason === 'remembered-device';
  // A remembered device is no code: a step-up asks it for one too (S43, S58).
  if (open && byCodeOrDevice && maxAge !== undefined && !codeWithin(session, nowMs, maxAge * 1000)) {
    // The whole session falls back to challenge-required, so the gate (which asks
    // `GET /status`) shows the code field instead of the page.
    await ctx.store.putSession({ ...blankSession(identity, nowMs, ctx), ...session, stepUpRequestedAt: nowMs });
    return errorAnswer('totp-required', STEP_UP, { state: 'challenge-required', reason: 'step-up' });
  }
  if (open || decision.decision === 'exempt') return null;
  const state = stateOf(decision);
  const message =
    reason === 'verification-expired'
      ? 'The verification of this session expired: enter a code again.'
      : reason === 'step-up'
        ? STEP_UP
        : 'A TOTP code is required for this session.';
  return errorAnswer('totp-required', message, reason ? { state, reason } : { state });
}
