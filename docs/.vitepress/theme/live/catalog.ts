/**
 * The states each live example can show, as labels only (no imports), so the scenario buttons
 * render on the server and the page does not jump when the elements load in the browser.
 * `mount.ts` holds what each scenario does.
 */

/** A state the live example can put its element in. */
export interface ScenarioInfo {
  id: string;
  label: string;
  description: string;
}

export const CATALOG: Record<string, ScenarioInfo[]> = {
  'totp-gate': [
    {
      id: 'enroll',
      label: 'Must enroll',
      description:
        'A signed-in user without an authenticator. Press "Set up an authenticator app", scan the QR code with a real app (or use "Fill in the right code" below), then save the recovery codes: the protected app appears.',
    },
    {
      id: 'challenge',
      label: 'Sign-in code',
      description: 'An enrolled user signing in. Enter the code (or a wrong one, to see the attempts left).',
    },
    {
      id: 'grace',
      label: 'Grace period',
      description:
        'Enrollment is required, but the policy gives a 7-day grace period: "Later" opens the app with a banner.',
    },
    {
      id: 'locked',
      label: 'Locked',
      description: 'Five wrong codes in a row: the account is locked and a countdown shows when to try again.',
    },
    { id: 'exempt', label: 'Exempt', description: 'An explicit, expiring exemption ("break-glass"): the app opens.' },
    {
      id: 'checking',
      label: 'Checking',
      description: 'The server has not answered yet. Press "Answer now" to let it.',
    },
    {
      id: 'failed',
      label: 'Server error',
      description: 'The status request failed (network). "Try again" asks once more, and this time it works.',
    },
    { id: 'german', label: 'Deutsch', description: 'The same sign-in with lang="de".' },
  ],
  'totp-enroll': [
    {
      id: 'enroll',
      label: 'Scan and confirm',
      description:
        'The QR code, the key in groups of four, and the code field. "Fill in the right code" types it for you.',
    },
    {
      id: 'manual',
      label: 'Key by hand',
      description: 'The same enrollment; press "Can\'t scan? Enter the key by hand" to see the key view.',
    },
    {
      id: 'network',
      label: 'Confirm fails',
      description:
        'The first confirmation fails with a network error; the QR code stays, and a retry works without rescanning.',
    },
  ],
  'totp-challenge': [
    { id: 'challenge', label: 'Code', description: 'Enter the code from the authenticator.' },
    {
      id: 'attempts',
      label: 'Attempts left',
      description: 'Three wrong codes were entered already: the element says how many attempts are left.',
    },
    {
      id: 'recovery',
      label: 'Recovery code',
      description: 'Press "Use a recovery code" and enter one of the codes shown below the example.',
    },
    { id: 'locked', label: 'Locked', description: 'Too many wrong codes: the countdown to the next try.' },
  ],
  'totp-code-input': [
    {
      id: 'empty',
      label: 'Empty',
      description: 'Type or paste "123 456", "123-456" or full-width digits. Events appear in the log below.',
    },
    {
      id: 'auto-submit',
      label: 'Auto-submit',
      description: 'With auto-submit: totp-code-complete fires once all digits are in.',
    },
    { id: 'eight', label: '8 digits', description: 'digits="8" for backends configured with 8-digit codes.' },
    { id: 'form', label: 'In a form', description: 'Form-associated: the value is submitted with the form as "code".' },
    { id: 'disabled', label: 'Disabled', description: 'A disabled field, as inside a disabled fieldset.' },
  ],
  'totp-recovery-codes': [
    {
      id: 'codes',
      label: 'Ten codes',
      description: 'Copy, download as .txt or print; the checkbox must be ticked before "Continue" is enabled.',
    },
    { id: 'few', label: 'Three codes', description: 'A backend configured with fewer codes.' },
  ],
  'totp-manage': [
    {
      id: 'overview',
      label: 'Account page',
      description:
        'An account that enrolled ten minutes ago, with a remembered browser. Adding or removing an app first asks for a current code ("Fill in the right code"); the new app\'s code is under "Type the new app\'s code".',
    },
    {
      id: 'few-codes',
      label: 'Two codes left',
      description: 'Eight recovery codes were used: the page warns, and "Get new recovery codes" replaces them.',
    },
    { id: 'german', label: 'Deutsch', description: 'The same page with lang="de".' },
    {
      id: 'unsupported',
      label: 'No capability',
      description: 'A backend that declares no account capability: the element says so and offers nothing.',
    },
  ],
  'totp-qr': [
    { id: 'default', label: 'Default', description: 'An otpauth URI drawn as an SVG QR code, locally.' },
    {
      id: 'long',
      label: 'Long label',
      description: 'A long issuer and an account with non-Latin letters: the code grows, and stays sharp at any zoom.',
    },
  ],
};
