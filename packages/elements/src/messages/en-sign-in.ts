/**
 * The English messages of signing in: `<totp-gate>`, `<totp-challenge>`, `<totp-code-input>` and
 * every error. Built in (English is the fallback of every locale); the enrollment messages are in
 * `en-enroll.ts` and load with the elements that show them, and those of the challenge's rarer
 * views (a recovery code, a lock-out) are in `en-challenge-views.ts` and load with those views.
 */
import type { Message } from './en.js';

const plural = (locale: string, n: number) => new Intl.PluralRules(locale).select(n);

export const enSignIn = {
  checking: 'Checking your sign-in…',
  verify: 'Verify',
  verifying: 'Verifying…',
  tryAgain: 'Try again',
  codeLabel: 'Authentication code',
  codeHint: 'Enter the {digits}-digit code from your authenticator app.',
  codeProgress: '{count} of {digits} digits',
  codeMissing: 'Enter the {digits}-digit code.',
  codeTooShort: 'Enter all {digits} digits of the code.',
  codeTooLong: 'The code has only {digits} digits.',
  codeDigitsOnly: 'The code is made of digits only.',
  attemptsLeft: ({ count }, locale) =>
    plural(locale, Number(count)) === 'one'
      ? '1 attempt left before a lock-out.'
      : `${count} attempts left before a lock-out.`,
  errorInvalidCode: 'That code is not right. Check your authenticator app and try again.',
  errorCodeReused: 'That code was already used. Wait for the next code in your app.',
  errorLocked: 'Too many attempts. Wait before you try again.',
  errorEnrollmentExpired: 'This setup expired. Start again to get a new QR code.',
  errorAlreadyEnrolled: 'An authenticator is already set up for this account.',
  errorGraceExpired: 'The time to set this up later is over. Set it up now to continue.',
  errorUnauthenticated: 'You are signed out. Sign in again to continue.',
  errorNetwork: 'We could not reach the server. Check your connection and try again.',
  errorTimeout: 'The server took too long to answer. Try again.',
  errorBadResponse: 'The server sent an unexpected answer. Try again.',
  errorBadRequest: 'Enter the {digits}-digit code from your authenticator app.',
  errorUnsupported: 'This is not available here.',
  clockSkew: ({ minutes, direction }, locale) => {
    const m = Number(minutes);
    const unit = plural(locale, m) === 'one' ? 'minute' : 'minutes';
    return `That code is not right now, but it matches your phone's time ${m} ${unit} ${direction === 'behind' ? 'ago' : 'from now'}. Your phone's clock seems about ${m} ${unit} ${direction}: set it to automatic time, then enter a new code.`;
  },
  enrollTitle: 'Set up two-factor authentication',
  challengeTitle: 'Enter your authentication code',
  challengeIntro: 'Open your authenticator app and enter the code for {issuer} ({account}).',
  useRecoveryCode: 'Use a recovery code',
  useAuthenticator: 'Use your authenticator app',
  lockedTitle: 'Too many attempts',
  deferredBanner: 'Two-factor authentication will be required from {date}.',
  setUpNow: 'Set up now',
  exemptNotice: 'You are exempt from two-factor authentication: {reason}.',
  exemptUntil: 'This exemption ends on {date}.',
  failedTitle: 'Something went wrong',
  exemptNoticeNoReason: 'You are exempt from two-factor authentication.',
  recoveryTitle: 'Sign in with a recovery code',
} satisfies Record<string, Message>;
