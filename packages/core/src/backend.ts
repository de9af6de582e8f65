/**
 * The adapter interface: what a host implements to connect the gate to its server.
 * `createHttpBackend` implements it for the REST contract v1; adapters for other auth
 * systems implement it too. The gate validates every value an adapter returns, so an
 * adapter may return what its server gave it without checking.
 */
import type { ConfirmResult, DeferResult, Enrollment, RecoveryResult, Status, VerifyResult } from './schemas.js';

/**
 * What a backend can do beyond the required calls. Declared, never guessed:
 * the UI hides what the backend does not offer.
 */
export interface BackendCapabilities {
  /** Recovery codes exist (issued at enrollment, redeemable at sign-in). Supabase MFA: false. */
  recoveryCodes: boolean;
  /** A grace period can be deferred through `defer()`. */
  defer: boolean;
  /**
   * Starting enrollment needs the account password again (better-auth's two-factor plugin).
   * The UI then asks for it and passes it to `startEnrollment({ password })`.
   */
  enrollmentRequiresPassword: boolean;
  /**
   * The backend may refuse with `unauthenticated` because the sign-in is not recent enough
   * (Firebase TOTP MFA); the host should offer to sign in again.
   */
  requiresRecentLogin: boolean;
}

/** The capabilities of the REST contract v1. */
export const DEFAULT_CAPABILITIES: BackendCapabilities = Object.freeze({
  recoveryCodes: true,
  defer: true,
  enrollmentRequiresPassword: false,
  requiresRecentLogin: false,
});

/** Options for {@link TotpBackend.startEnrollment}. */
export interface StartEnrollmentOptions {
  /** Only for backends with `enrollmentRequiresPassword`. Never stored by the gate. */
  password?: string;
}

/** Per-call options every backend method accepts. */
export interface CallOptions {
  /** Aborted when the gate gives up on the call (timeout or dispose). */
  signal?: AbortSignal;
}

/**
 * A connection from the gate to the server that enforces TOTP. Every method either resolves
 * with the contract value or rejects with a `TotpGateError` (anything else thrown is treated as
 * `bad-response`). Run `runBackendContractTests` from `@totp-gate/core/testing` against yours.
 *
 * @example
 * const backend: TotpBackend = createHttpBackend({ baseUrl: '/api/totp' })
 * const gate = createGate({ backend })
 */
export interface TotpBackend {
  /** Optional capabilities; missing flags are taken from {@link DEFAULT_CAPABILITIES}. */
  readonly capabilities?: Partial<BackendCapabilities>;
  /** Where the signed-in user stands. */
  status(options?: CallOptions): Promise<Status>;
  /** Starts (or resumes: the same secret while pending) an enrollment. */
  startEnrollment(options?: StartEnrollmentOptions & CallOptions): Promise<Enrollment>;
  /** Confirms the pending enrollment with a code from the authenticator. */
  confirmEnrollment(code: string, options?: CallOptions): Promise<ConfirmResult>;
  /** Verifies a code at sign-in. */
  verify(code: string, options?: CallOptions): Promise<VerifyResult>;
  /** Signs in with a recovery code instead. Required when `capabilities.recoveryCodes`. */
  redeemRecoveryCode?(code: string, options?: CallOptions): Promise<RecoveryResult>;
  /** Defers enrollment inside a grace period. Required when `capabilities.defer`. */
  defer?(options?: CallOptions): Promise<DeferResult>;
}

/** The capabilities of a backend with defaults filled in and checked against its methods. */
export function capabilitiesOf(backend: TotpBackend): BackendCapabilities {
  const declared = { ...DEFAULT_CAPABILITIES, ...backend.capabilities };
  // Only a real `true` counts, so a stray `"no"` or `1` from an adapter is not taken as a yes.
  return {
    recoveryCodes: declared.recoveryCodes === true && typeof backend.redeemRecoveryCode === 'function',
    defer: declared.defer === true && typeof backend.defer === 'function',
    enrollmentRequiresPassword: declared.enrollmentRequiresPassword === true,
    requiresRecentLogin: declared.requiresRecentLogin === true,
  };
}
