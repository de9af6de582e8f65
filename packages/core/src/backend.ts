/**
 * The adapter interface: what a host implements to connect the gate to its server.
 * `createHttpBackend` implements it for the REST contract v1; adapters for other auth
 * systems implement it too. The gate validates every value an adapter returns, so an
 * adapter may return what its server gave it without checking.
 */
import type {
  AddFactorResult,
  DeviceList,
  FactorList,
  RegenerateResult,
  SignOutOthersResult,
} from './account-schemas.js';
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

/**
 * Account management a backend may offer (`<totp-manage>`). Each is off until declared, so
 * adapters written before it keep working and the UI shows none of it. Read them with
 * `accountCapabilitiesOf(backend)`.
 */
export interface AccountCapabilities {
  /**
   * Several named authenticators: `listFactors`, `addFactor` / `confirmFactor` (from a session
   * that verified a code in the last few minutes), `renameFactor`, `removeFactor`.
   */
  factors: boolean;
  /** New recovery codes in exchange for a fresh code: `regenerateRecoveryCodes`. */
  regenerateRecoveryCodes: boolean;
  /**
   * Remembered devices: `listDevices`, `revokeDevice`, and `verify(code, { rememberDevice })`.
   * Whether the policy offers it at all is `listDevices().rememberDays` (null: not offered).
   */
  rememberDevice: boolean;
  /** "Sign out other devices": `signOutOthers`. */
  signOutOthers: boolean;
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

/** Options for {@link TotpBackend.verify}. */
export interface VerifyOptions {
  /**
   * Ask the server to remember this device, so it skips the code here for a while. Only for
   * backends with `capabilities.rememberDevice`, and only honoured when the policy offers it.
   */
  rememberDevice?: boolean;
}

/** What {@link TotpBackend.addFactor} needs: the new authenticator's name, and what it replaces. */
export interface AddFactorInput {
  /** The name the person chose ("Work phone"); 1 to 64 characters. */
  name: string;
  /** The id of an authenticator to remove once the new one is confirmed ("I have a new phone"). */
  replaces?: string;
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
  readonly capabilities?: Partial<BackendCapabilities & AccountCapabilities>;
  /** Where the signed-in user stands. */
  status(options?: CallOptions): Promise<Status>;
  /** Starts (or resumes: the same secret while pending) an enrollment. */
  startEnrollment(options?: StartEnrollmentOptions & CallOptions): Promise<Enrollment>;
  /** Confirms the pending enrollment with a code from the authenticator. */
  confirmEnrollment(code: string, options?: CallOptions): Promise<ConfirmResult>;
  /** Verifies a code at sign-in (or again later, as a step-up before a sensitive change). */
  verify(code: string, options?: VerifyOptions & CallOptions): Promise<VerifyResult>;
  /** Signs in with a recovery code instead. Required when `capabilities.recoveryCodes`. */
  redeemRecoveryCode?(code: string, options?: CallOptions): Promise<RecoveryResult>;
  /** Defers enrollment inside a grace period. Required when `capabilities.defer`. */
  defer?(options?: CallOptions): Promise<DeferResult>;

  // Account management (a verified session only). Each group is required when its capability is declared.

  /** The user's authenticators. `capabilities.factors`. */
  listFactors?(options?: CallOptions): Promise<FactorList>;
  /**
   * Starts enrolling another authenticator; rejects with `step-up-required` unless the session
   * verified a code in the last few minutes (verify one, then call again). `capabilities.factors`.
   */
  addFactor?(input: AddFactorInput, options?: CallOptions): Promise<Enrollment>;
  /** Confirms the authenticator {@link addFactor} started with a code from it. `capabilities.factors`. */
  confirmFactor?(code: string, options?: CallOptions): Promise<AddFactorResult>;
  /** Renames an authenticator. `capabilities.factors`. */
  renameFactor?(id: string, name: string, options?: CallOptions): Promise<FactorList>;
  /**
   * Removes an authenticator (needs a recent code, like adding one); the last one only when
   * `canRemoveLast`, else `last-factor`. `capabilities.factors`.
   */
  removeFactor?(id: string, options?: CallOptions): Promise<FactorList>;
  /** Replaces the recovery codes; needs a fresh code. `capabilities.regenerateRecoveryCodes`. */
  regenerateRecoveryCodes?(code: string, options?: CallOptions): Promise<RegenerateResult>;
  /** The remembered devices. `capabilities.rememberDevice`. */
  listDevices?(options?: CallOptions): Promise<DeviceList>;
  /** Forgets one remembered device. `capabilities.rememberDevice`. */
  revokeDevice?(id: string, options?: CallOptions): Promise<DeviceList>;
  /** Other sessions must enter a code again; every remembered device is forgotten. `capabilities.signOutOthers`. */
  signOutOthers?(options?: CallOptions): Promise<SignOutOthersResult>;
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
