/**
 * What each policy option changes, in the docs' words. The option names, defaults and allowed
 * ranges are NOT written here: `policy.data.ts` takes them from `parsePolicy({})` and the
 * schema, and fails the build when an option has no text here or a text names no option.
 */
export const POLICY_OPTION_TEXT: Record<string, string> = {
  requiredRoles:
    'Who must use TOTP. `null` means every signed-in user; a list of role names limits the requirement to users holding at least one of them.',
  exemptions:
    'Explicit exemptions, each naming a `userId` or a `role`, a `reason`, and optionally `expiresAt`. An expired exemption is ignored, so the user must enroll again (S31). The server audits every use.',
  gracePeriodSeconds:
    'How long after the requirement starts (`requiredSince` from `identify`) a user may press "Later". 0 means no grace: blocked until enrolled. The grace ends exactly at `requiredSince + gracePeriodSeconds` (S32).',
  'rememberDevice.enabled':
    'Whether a verified device may skip the code for a while. Off by default: a remembered device turns a stolen laptop with a live browser profile into a single-factor login, so it is a decision the host should make on purpose.',
  'rememberDevice.maxAgeSeconds':
    'How long a remembered device skips the code, when remember-device is on; the sign-in offers it as whole days (at least 1).',
  'totp.algorithm':
    'The HMAC hash. Several authenticator apps ignore anything but SHA1 and then show wrong codes, so other values show a compatibility warning at enrollment (S11).',
  'totp.digits': 'Code length. Apps that ignore the parameter show 6 digits; other values show a warning.',
  'totp.period': 'Seconds per time step. Values over 120 seconds are refused (S11).',
  'totp.window':
    'Time steps accepted either side of the current one. 1 accepts a code for about 30 s before and after its own step (90 s in all) and absorbs ordinary clock drift; a wider window is an explicit choice (S15).',
  'lockout.threshold': 'Consecutive failures before the first lock.',
  'lockout.baseDelaySeconds': 'Length of the first lock. Each further failure doubles it.',
  'lockout.maxDelaySeconds': 'The longest timed lock.',
  'lockout.hardLimit':
    'Consecutive failures after which only an administrator can unlock the account. NIST SP 800-63B allows at most 100 failed attempts on one account, so the schema refuses more.',
  'recoveryCodes.count': 'Recovery codes issued at enrollment. 0 turns recovery codes off.',
  'recoveryCodes.afterUse':
    'What a sign-in with a recovery code leads to (S55): `continue` lets the session in; `enroll` makes it set up a new authenticator first (the old one stays); `replace` the same, and the new one replaces the old ones.',
  'recoveryCodes.enrollWindowSeconds':
    'How long a session that used a recovery code has to set up the new authenticator, under `enroll` or `replace`; then it is asked for a code again.',
  enrollmentTtlSeconds:
    'How long a pending (unconfirmed) secret lives. Until then, a reload shows the same QR code (S25); after it, enrollment starts over with a new secret.',
  verificationLifetimeSeconds:
    'How long a passed code counts for a session. After it `GET /status` answers `challenge-required` (with `reason: "verification-expired"`), `guard()` refuses, and the user enters a code again; the session record then expires and is swept (S43, S45). 12 hours by default, the AAL2 reauthentication limit of NIST SP 800-63B. For a sensitive route ask for a fresher code with `guard(request, { maxAge })`.',
};
