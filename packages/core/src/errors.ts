/**
 * Stable error codes. A UI picks its message by `code`, never by parsing `message`.
 *
 * - `invalid-code`: the code did not match (says nothing about why, S22).
 * - `code-reused`: the code matched a time step that was already accepted (S13).
 * - `locked`: too many failures; see `retryAt` (absent when only an administrator can unlock).
 * - `enrollment-expired`: the pending enrollment ran out; start again.
 * - `already-enrolled`: a factor is active, a new enrollment is refused (S26).
 * - `grace-expired`: the grace period is over; deferring is no longer possible.
 * - `unauthenticated`: nobody is signed in with the first factor.
 * - `network`: the request did not reach the server or the answer was lost.
 * - `timeout`: the request took longer than the configured limit.
 * - `bad-response`: the server or adapter answered something that is not the contract.
 * - `bad-request`: the input was malformed (not a wrong code: a wrong shape).
 * - `unsupported`: the backend does not offer this capability.
 *
 * Account management only (`<totp-manage>`; the sign-in path never meets these), see `AccountErrorCode`:
 * - `totp-required`: the session has not passed TOTP; account changes need a verified session.
 * - `step-up-required`: the change needs a code from the last few minutes; verify one, then retry.
 * - `last-factor`: the only authenticator cannot be removed while the policy requires TOTP.
 * - `unknown-id`: no authenticator or remembered device has this id (any more).
 *
 * The admin mount only (`@totp-gate/core/admin`, `<totp-admin>`), see `AdminErrorCode`:
 * - `forbidden`: the host's `authorize` did not name an administrator.
 * - `cross-origin`: a change sent from another site's page was refused (S44).
 * - `unknown-user`: neither TOTP Gate nor the host knows this user.
 * - `not-exempt`: there is no exemption to revoke.
 * - `lockout-guard`: the policy would block every administrator; override it with a reason.
 */
export const TotpErrorCode = {
  InvalidCode: 'invalid-code',
  CodeReused: 'code-reused',
  Locked: 'locked',
  EnrollmentExpired: 'enrollment-expired',
  AlreadyEnrolled: 'already-enrolled',
  GraceExpired: 'grace-expired',
  Unauthenticated: 'unauthenticated',
  Network: 'network',
  Timeout: 'timeout',
  BadResponse: 'bad-response',
  BadRequest: 'bad-request',
  Unsupported: 'unsupported',
} as const;

/**
 * The codes only account management answers with. Their values live in `ACCOUNT_ERROR_CODES`
 * (`account-schemas.ts`), so that the sign-in path does not carry them.
 */
export type AccountErrorCode = 'totp-required' | 'step-up-required' | 'last-factor' | 'unknown-id';

/** The codes only the admin mount answers with; their values live in `ADMIN_ERROR_CODES` (`admin-schemas.ts`). */
export type AdminErrorCode = 'forbidden' | 'cross-origin' | 'unknown-user' | 'not-exempt' | 'lockout-guard';

/** One of the {@link TotpErrorCode} values, an {@link AccountErrorCode} or an {@link AdminErrorCode}. */
export type TotpErrorCode = (typeof TotpErrorCode)[keyof typeof TotpErrorCode] | AccountErrorCode | AdminErrorCode;

const codes: ReadonlySet<string> = new Set(Object.values(TotpErrorCode));

/**
 * True when `value` is one of the stable sign-in error codes, or one of `more` (the account
 * adapter passes `ACCOUNT_ERROR_CODES`).
 */
export function isTotpErrorCode(value: unknown, more?: ReadonlySet<string>): value is TotpErrorCode {
  return typeof value === 'string' && (codes.has(value) || more?.has(value) === true);
}

/** Extra facts an error may carry. None of them is ever a secret or a code. */
export interface TotpGateErrorDetails {
  /** Failures left before the account locks. */
  attemptsLeft?: number;
  /** When a lock ends; absent for a lock only an administrator can lift. */
  retryAt?: Date;
  /**
   * At enrollment confirm only: how far the authenticator's clock seems off, in seconds
   * (negative: behind). Lets the UI say "your phone's clock seems 2 minutes behind".
   */
  skewSeconds?: number;
  /** HTTP status, when the error came from an HTTP answer. */
  status?: number;
  /** The underlying cause, for debugging. Never shown to users. */
  cause?: unknown;
}

/**
 * The one error type TOTP Gate produces for expected failures.
 *
 * @example
 * try { await backend.verify(code) }
 * catch (e) { if (e instanceof TotpGateError && e.code === 'locked') showCountdown(e.retryAt) }
 */
export class TotpGateError extends Error {
  override readonly name = 'TotpGateError';
  /** The stable code a UI picks its message by. */
  readonly code: TotpErrorCode;
  /** See {@link TotpGateErrorDetails.attemptsLeft}. */
  readonly attemptsLeft: number | undefined;
  /** See {@link TotpGateErrorDetails.retryAt}. */
  readonly retryAt: Date | undefined;
  /** See {@link TotpGateErrorDetails.skewSeconds}. */
  readonly skewSeconds: number | undefined;
  /** See {@link TotpGateErrorDetails.status}. */
  readonly status: number | undefined;

  /**
   * @param code one of the stable {@link TotpErrorCode} values
   * @param message for developers and logs; never a secret or a code
   */
  constructor(code: TotpErrorCode, message: string = code, details: TotpGateErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.attemptsLeft = details.attemptsLeft;
    this.retryAt = details.retryAt;
    this.skewSeconds = details.skewSeconds;
    this.status = details.status;
  }

  /** Whether trying the same thing again may succeed (network trouble, a bad answer). */
  get retryable(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.code === 'bad-response';
  }
}

/**
 * Turns anything thrown by an adapter into a {@link TotpGateError}. A `TotpGateError` with a
 * known code is kept (also one from another copy of this package, recognised by its `name`);
 * an abort or timeout becomes `timeout`; a `TypeError` (what `fetch` throws when the network
 * fails) becomes `network`; anything else, including an error with an unknown code, is an
 * adapter that broke its contract: `bad-response`. `more` adds codes to the known ones (account
 * management passes `ACCOUNT_ERROR_CODES`).
 */
export function toTotpGateError(error: unknown, more?: ReadonlySet<string>): TotpGateError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<Omit<TotpGateError, 'name'>> & {
    name?: unknown;
  };
  if (e.name === 'TotpGateError' && isTotpErrorCode(e.code, more)) {
    if (error instanceof TotpGateError) return error;
    // Another copy of core (dist next to source, two versions): keep only well-formed details.
    const count = e.attemptsLeft;
    const retryAt = e.retryAt;
    return new TotpGateError(e.code, String(e.message).slice(0, 1024), {
      cause: error,
      ...(Number.isInteger(count) && { attemptsLeft: count }),
      ...(retryAt instanceof Date && !Number.isNaN(retryAt.getTime()) && { retryAt }),
    });
  }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new TotpGateError('timeout', 'The request took too long.', { cause: error });
  }
  if (error instanceof TypeError) {
    return new TotpGateError('network', 'The server could not be reached.', { cause: error });
  }
  return new TotpGateError('bad-response', 'The server gave an unexpected answer.', { cause: error });
}

/** Anything with zod's `safeParse`. */
export type Schema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

/**
 * An answer checked against its schema: the parsed value, or a `bad-response` error.
 * @internal
 */
export function parseAnswer<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new TotpGateError('bad-response', 'The server gave an unexpected answer.');
  return result.data;
}
