/**
 * The English message catalogue, and the shape every locale follows. A message is a string
 * with `{name}` placeholders or a function (for plurals and dates). Messages are always
 * rendered as text, never as markup.
 */
export type MessageParams = Record<string, string | number>;
export type MessageFn = (params: MessageParams, locale: string) => string;
export type Message = string | MessageFn;

const plural = (locale: string, n: number) => new Intl.PluralRules(locale).select(n);

export const en = {
  checking: 'Checking your sign-in…',
  verify: 'Verify',
  verifying: 'Verifying…',
  continue: 'Continue',
  tryAgain: 'Try again',
  cancel: 'Cancel',
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
  enrollIntro: 'A code from an authenticator app is required at every sign-in.',
  enrollStart: 'Set up an authenticator app',
  enrollScan:
    'Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, Authy, 1Password…).',
  enrollEnterCode: 'Enter the {digits}-digit code the app shows.',
  enrollAccountShown: 'The app will show: {issuer} ({account})',
  manualEntry: "Can't scan? Enter the key by hand",
  showQr: 'Scan a QR code instead',
  manualIntro: 'In your app, choose to enter a setup key, and type:',
  issuerLabel: 'Issuer',
  accountLabel: 'Account',
  secretLabel: 'Key',
  manualDetails: 'Time-based. Algorithm: {algorithm}. Digits: {digits}. Period: {period} seconds.',
  compatibilityWarning:
    'This setup uses settings that some authenticator apps ignore ({settings}). If the codes are refused, use an app that supports them.',
  copy: 'Copy',
  copied: 'Key copied to the clipboard.',
  copyFailed: 'Could not copy. Select the key and copy it by hand.',
  qrLabel: 'QR code to set up {issuer} for {account} in an authenticator app',
  qrLabelGeneric: 'QR code to set up an authenticator app',
  qrLoading: 'Loading the QR code…',
  qrFailed: 'The QR code could not be drawn. Enter the key by hand instead.',
  startAgain: 'Start again',
  expiresAt: 'This setup stays valid until {time}.',

  challengeTitle: 'Enter your authentication code',
  challengeIntro: 'Open your authenticator app and enter the code for {issuer} ({account}).',
  useRecoveryCode: 'Use a recovery code',
  useAuthenticator: 'Use your authenticator app',
  recoveryLabel: 'Recovery code',
  recoveryHint: 'Each recovery code works once. It looks like xxxxx-xxxxx.',
  recoveryCodesLeft: ({ count }, locale) =>
    plural(locale, Number(count)) === 'one' ? '1 recovery code left.' : `${count} recovery codes left.`,

  lockedTitle: 'Too many attempts',
  lockedCountdown: 'You can try again in {time}.',
  lockedAdmin: 'Your account is locked. Contact your administrator to unlock it.',
  lockedOver: 'You can try again now.',

  recoveryCodesTitle: 'Save your recovery codes',
  recoveryCodesIntro:
    'If you lose your phone, each of these codes lets you sign in once. They are shown only now: store them somewhere safe.',
  copyAll: 'Copy all',
  copiedAll: 'Recovery codes copied to the clipboard.',
  copyAllFailed: 'Could not copy. Select the codes and copy them by hand.',
  download: 'Download (.txt)',
  print: 'Print',
  savedCheckbox: 'I have saved these codes',
  recoveryCodesFileHeader: 'Recovery codes for {issuer} ({account}). Each code works once.',
  recoveryCodesFileHeaderShort: 'Recovery codes. Each code works once.',

  deferredBanner: 'Two-factor authentication will be required from {date}.',
  graceNotice: 'You can do this later, until {date}.',
  setUpNow: 'Set up now',
  later: 'Later',
  exemptNotice: 'You are exempt from two-factor authentication: {reason}.',
  exemptUntil: 'This exemption ends on {date}.',
  failedTitle: 'Something went wrong',

  // <totp-gate>, <totp-enroll>, <totp-challenge>
  lockedRetryAt: 'The lock ends at {time}.',
  exemptNoticeNoReason: 'You are exempt from two-factor authentication.',
  errorInvalidRecoveryCode: 'That recovery code is not right, or it was already used.',
  recoveryCodeMissing: 'Enter one of your recovery codes.',
  recoveryTitle: 'Sign in with a recovery code',
  enrolledTitle: 'Two-factor authentication is set up',
  enrolledText: 'From now on, enter a code from your authenticator app when you sign in.',
  enrollStepScan: 'Scan the QR code',
  enrollStepManual: 'Enter the key by hand',
  enrollStepCode: 'Enter the code',
  warnAlgorithm: 'the {algorithm} algorithm',
  warnDigits: '{digits}-digit codes',
  warnPeriod: 'a {period}-second period',
  passwordLabel: 'Password',
  passwordHint: 'Enter your password again to set up an authenticator app.',
  passwordMissing: 'Enter your password.',
} satisfies Record<string, Message>;

/** A key of the catalogue. */
export type MessageKey = keyof typeof en;

/** A complete catalogue. */
export type Messages = Record<MessageKey, Message>;
