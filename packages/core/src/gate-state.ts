/**
 * The gate's states and the pure reducer that moves between them. Nothing here performs I/O:
 * `gate.ts` turns the outcome of each adapter call into a {@link GateAction} and feeds it through
 * `reduceGate`; the states that come out are what its listeners see.
 */
import type { CompatibilityWarning } from './enrollment-checks.js';
import { TotpGateError } from './errors.js';
import type { Enrollment, Status } from './schemas.js';

/** The name of a {@link GateState}: `'checking'`, `'enrollment-required'`, … `'failed'`. */
export type GateStatus = GateState['status'];

/** Who the gate is about, as the authenticator app will show it. */
export interface GateAccount {
  /** The account name, as the authenticator app shows it. */
  account: string;
  /** The issuer (the app's name), as the authenticator app shows it. */
  issuer: string;
}

interface Common {
  /** An action is in flight; show progress and disable submit. */
  busy: boolean;
  /** The last action's failure, kept beside the state the user stays in. */
  error?: TotpGateError | undefined;
}

/**
 * Every state the gate can be in. The protected app may be shown only in `verified`,
 * `exempt` and `deferred` (see {@link isOpen}).
 */
export type GateState =
  | (Common & { status: 'checking' })
  | (Common & GateAccount & { status: 'enrollment-required'; graceEndsAt: Date | null; canDefer: boolean })
  | (Common & {
      status: 'enrolling';
      /** The pending secret. Held in memory only, dropped on success, cancel or dispose. */
      enrollment: Enrollment;
      warnings: CompatibilityWarning[];
      graceEndsAt: Date | null;
      canDefer: boolean;
    })
  | (Common & { status: 'recovery-codes'; recoveryCodes: readonly string[] })
  | (Common &
      GateAccount & {
        status: 'challenge-required';
        attemptsLeft: number | null;
        recoveryCodesLeft: number | null;
        digits: number | null;
        /** Days "Don't ask again on this device" lasts, when the server offers it (else null). */
        rememberDays: number | null;
      })
  | (Common & {
      status: 'verified';
      /** How this page got here; absent when the session was verified before (a status said so). */
      method?: VerifiedMethod;
    })
  | (Common & { status: 'exempt'; reason: string | null; expiresAt: Date | null })
  | (Common & GateAccount & { status: 'deferred'; graceEndsAt: Date })
  | (Common & Partial<GateAccount> & { status: 'locked'; retryAt: Date | null })
  | (Common & { status: 'failed'; error: TotpGateError });

/** How a gate reached `verified` in this page: a code, a recovery code, or a confirmed enrollment. */
export type VerifiedMethod = 'code' | 'recovery-code' | 'enrollment';

/** The reducer's input: what happened to the gate (a call started, an answer came, it failed). */
export type GateAction =
  | { type: 'started' }
  | { type: 'status-loaded'; status: Status; canDefer: boolean }
  | { type: 'enrollment-started'; enrollment: Enrollment; warnings: CompatibilityWarning[] }
  | { type: 'enrollment-cancelled' }
  | { type: 'enrollment-confirmed'; recoveryCodes: readonly string[] }
  | { type: 'verified'; method: 'code' | 'recovery-code' }
  | { type: 'recovery-codes-acknowledged' }
  | { type: 'deferred'; graceEndsAt: Date }
  | { type: 'failed'; error: TotpGateError };

/** The first state of every gate. */
export const initialGateState: GateState = Object.freeze({ status: 'checking', busy: false });

/** Whether the protected app may be shown in this state. */
export function isOpen(state: GateState): boolean {
  return state.status === 'verified' || state.status === 'exempt' || state.status === 'deferred';
}

function date(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

function fromStatus(status: Status, canDefer: boolean): GateState {
  const who = { account: status.account, issuer: status.issuer };
  switch (status.state) {
    case 'enrollment-required': {
      const graceEndsAt = date(status.graceEndsAt);
      const inGrace = graceEndsAt !== null && graceEndsAt.getTime() > new Date(status.serverTime).getTime();
      return { status: 'enrollment-required', busy: false, ...who, graceEndsAt, canDefer: canDefer && inGrace };
    }
    case 'challenge-required':
      return {
        status: 'challenge-required',
        busy: false,
        ...who,
        attemptsLeft: status.attemptsLeft ?? null,
        recoveryCodesLeft: status.recoveryCodesLeft,
        digits: status.digits ?? null,
        rememberDays: status.rememberDays ?? null,
      };
    case 'verified':
      return { status: 'verified', busy: false };
    case 'exempt':
      return {
        status: 'exempt',
        busy: false,
        reason: status.exemption?.reason ?? null,
        expiresAt: date(status.exemption?.expiresAt),
      };
    case 'deferred': {
      const graceEndsAt = date(status.graceEndsAt);
      // A deferral without an end would be a hole in the policy: treat it as a broken answer.
      if (graceEndsAt === null) {
        return failed(new TotpGateError('bad-response', 'The server reported a deferral without an end.'));
      }
      return { status: 'deferred', busy: false, ...who, graceEndsAt };
    }
    case 'locked':
      return { status: 'locked', busy: false, ...who, retryAt: date(status.lockedUntil) };
  }
}

function failed(error: TotpGateError): GateState {
  return { status: 'failed', busy: false, error };
}

/** The same state, no longer busy: what an answer that does not apply to it leaves behind. */
function idle(state: GateState): GateState {
  return { ...state, busy: false } as GateState;
}

function withError(state: GateState, error: TotpGateError): GateState {
  return { ...state, busy: false, error } as GateState;
}

/** Back from a pending secret to the offer to enroll the same account (cancelled, or expired: `error`). */
function enrollmentOffer(state: Extract<GateState, { status: 'enrolling' }>, error?: TotpGateError): GateState {
  return {
    status: 'enrollment-required',
    busy: false,
    account: state.enrollment.account,
    issuer: state.enrollment.issuer,
    graceEndsAt: state.graceEndsAt,
    canDefer: state.canDefer,
    ...(error && { error }),
  };
}

function onFailure(state: GateState, error: TotpGateError): GateState {
  // The recovery codes are shown once: nothing may take them off screen before they are saved.
  if (state.status === 'recovery-codes') return withError(state, error);
  if (error.code === 'locked') {
    const who = 'account' in state && 'issuer' in state ? { account: state.account, issuer: state.issuer } : {};
    return { status: 'locked', busy: false, ...who, retryAt: error.retryAt ?? null, error };
  }
  // Nothing to stay on (first load, or already failed), or signed out: the failed state.
  // A refresh that fails elsewhere keeps the user on the step they were on (and the recovery
  // codes on screen), like any other failure.
  if (error.code === 'unauthenticated' || state.status === 'checking' || state.status === 'failed') {
    return failed(error);
  }
  if (error.code === 'enrollment-expired' && state.status === 'enrolling') return enrollmentOffer(state, error);
  if (error.code === 'grace-expired' && state.status === 'enrollment-required') {
    return { ...state, busy: false, canDefer: false, error };
  }
  if (state.status === 'challenge-required' && error.attemptsLeft !== undefined) {
    return { ...state, busy: false, attemptsLeft: error.attemptsLeft, error };
  }
  // Everything else (wrong code, reused code, network, timeout, bad answer) keeps the user
  // where they were, pending enrollment included, so a retry needs no rescan (S41).
  return withError(state, error);
}

/**
 * The gate's pure reducer. Actions that make no sense in the current state leave it as it is,
 * so a late or duplicated answer can never open the gate by accident.
 */
export function reduceGate(state: GateState, action: GateAction): GateState {
  switch (action.type) {
    case 'started':
      return { ...state, busy: true, error: undefined } as GateState;
    case 'status-loaded': {
      // The recovery codes stay on screen until acknowledged, whatever the server says.
      if (state.status === 'recovery-codes') return idle(state);
      const next = fromStatus(action.status, action.canDefer);
      // A refresh during enrollment keeps the pending secret on screen while the server still
      // waits for it, so the user does not have to start (or scan) again.
      if (state.status === 'enrolling' && next.status === 'enrollment-required') {
        return { ...state, busy: false, graceEndsAt: next.graceEndsAt, canDefer: next.canDefer };
      }
      return next;
    }
    case 'enrollment-started': {
      if (state.status !== 'enrollment-required' && state.status !== 'deferred' && state.status !== 'enrolling') {
        return idle(state);
      }
      return {
        status: 'enrolling',
        busy: false,
        enrollment: action.enrollment,
        warnings: action.warnings,
        graceEndsAt: state.graceEndsAt,
        // From the deferred banner "set up now", going back means the banner again, not a new deferral.
        canDefer: state.status === 'deferred' ? false : state.canDefer,
      };
    }
    case 'enrollment-cancelled':
      return state.status === 'enrolling' ? enrollmentOffer(state) : state;
    case 'enrollment-confirmed':
      if (state.status !== 'enrolling') return idle(state);
      return action.recoveryCodes.length > 0
        ? { status: 'recovery-codes', busy: false, recoveryCodes: action.recoveryCodes }
        : { status: 'verified', busy: false, method: 'enrollment' };
    case 'verified':
      if (state.status !== 'challenge-required') return idle(state);
      return { status: 'verified', busy: false, method: action.method };
    case 'recovery-codes-acknowledged':
      if (state.status !== 'recovery-codes') return state;
      return { status: 'verified', busy: false, method: 'enrollment' };
    case 'deferred':
      if (state.status !== 'enrollment-required' || !state.canDefer) return idle(state);
      return {
        status: 'deferred',
        busy: false,
        account: state.account,
        issuer: state.issuer,
        graceEndsAt: action.graceEndsAt,
      };
    case 'failed':
      return onFailure(state, action.error);
  }
}
