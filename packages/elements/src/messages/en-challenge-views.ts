/**
 * The English messages of `<totp-challenge>`'s rarer views, signing in with a recovery code and a
 * lock-out: they load with those views (challenge-views.ts), so a sign-in with an app code does not
 * download them. The headings of those views stay in `en-sign-in.ts`, so a view can say what it is
 * (and take focus) before the rest of it has loaded.
 */
import type { Message } from './en.js';

const plural = (locale: string, n: number) => new Intl.PluralRules(locale).select(n);

export const enChallengeViews = {
  rememberDevice: ({ count }, locale) =>
    `Don't ask again on this device for ${plural(locale, Number(count)) === 'one' ? '1 day' : `${count} days`}`,
  recoveryLabel: 'Recovery code',
  recoveryHint: 'Each recovery code works once. It looks like xxxxx-xxxxx.',
  recoveryCodesLeft: ({ count }, locale) =>
    plural(locale, Number(count)) === 'one' ? '1 recovery code left.' : `${count} recovery codes left.`,
  lockedCountdown: 'You can try again in {time}.',
  lockedAdmin: 'Your account is locked. Contact your administrator to unlock it.',
  lockedOver: 'You can try again now.',
  lockedRetryAt: 'The lock ends at {time}.',
  errorInvalidRecoveryCode: 'That recovery code is not right, or it was already used.',
  errorRecoveryCodeReused: 'That recovery code was already used.',
  recoveryCodeMissing: 'Enter a recovery code: 10 letters and digits, like xxxxx-xxxxx.',
} satisfies Record<string, Message>;
