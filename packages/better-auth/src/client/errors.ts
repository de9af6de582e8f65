/**
 * better-auth's error answers, mapped by their `code` to TOTP Gate's stable error codes. The
 * message is ours, never better-auth's text, so the elements can pick their own in any language.
 */
import { TotpGateError, type TotpErrorCode } from '@totp-gate/core';

/** The `error` of a better-auth client call. */
export interface BetterAuthClientError {
  status: number;
  statusText?: string;
  code?: string;
  message?: string;
}

const BY_CODE: Record<string, [TotpErrorCode, string]> = {
  INVALID_CODE: ['invalid-code', 'The code is not correct.'],
  INVALID_BACKUP_CODE: ['invalid-code', 'The recovery code is not correct.'],
  TOTP_CODE_REUSED: ['code-reused', 'This code was already used. Wait for the next one.'],
  ACCOUNT_TEMPORARILY_LOCKED: ['locked', 'Too many wrong codes. Try again later.'],
  // better-auth ends a sign-in after five wrong codes; the account itself is not locked by it.
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: ['unauthenticated', 'Too many wrong codes for this sign-in. Sign in again.'],
  TOTP_ALREADY_ENABLED: ['already-enrolled', 'An authenticator is already set up.'],
  TOTP_NOT_ENABLED: ['enrollment-expired', 'Start the setup again.'],
  INVALID_PASSWORD: ['bad-request', 'The password is not correct.'],
  INVALID_TWO_FACTOR_COOKIE: ['unauthenticated', 'The sign-in has expired. Sign in again.'],
  UNAUTHENTICATED: ['unauthenticated', 'Sign in first.'],
  UNAUTHORIZED: ['unauthenticated', 'Sign in first.'],
  GRACE_EXPIRED: ['grace-expired', 'The setup can no longer be postponed.'],
  TWO_FACTOR_MANDATORY: ['unsupported', 'Two-factor authentication is mandatory.'],
  VALIDATION_ERROR: ['bad-request', 'The request was not valid.'],
};

/** A better-auth client error as a {@link TotpGateError}. */
export function fromBetterAuthError(error: BetterAuthClientError, details: { retryAt?: Date } = {}): TotpGateError {
  const known = error.code ? BY_CODE[error.code] : undefined;
  const [code, message]: [TotpErrorCode, string] =
    known ??
    (error.status === 401
      ? ['unauthenticated', 'Sign in first.']
      : error.status === 429
        ? ['locked', 'Too many attempts. Try again later.']
        : ['bad-response', 'The server gave an unexpected answer.']);
  return new TotpGateError(code, message, { status: error.status, cause: error, ...details });
}
