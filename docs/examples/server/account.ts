import { createTotpService, memoryStore, type TotpServiceOptions } from '@totp-gate/server';
import { identify } from './session.js';

/** The account-management choices of the policy. Everything else keeps its default. */
export const accountPolicy = {
  // "Don't ask again on this device": off unless you turn it on. Here for 30 days.
  rememberDevice: { enabled: true, maxAgeSeconds: 30 * 86_400 },
  // A sign-in with a recovery code (the phone is lost) must first set up a new authenticator,
  // within 15 minutes; it replaces the lost one. The default, 'continue', just signs in.
  recoveryCodes: { afterUse: 'replace', enrollWindowSeconds: 15 * 60 },
} satisfies TotpServiceOptions['policy'];

/** The remembered-device cookie, as these defaults write it: `__Host-totp-device`. */
export const deviceCookie = {
  secure: true,
  sameSite: 'Strict',
  path: '/',
} satisfies TotpServiceOptions['deviceCookie'];

export const totp = createTotpService({
  store: memoryStore(),
  issuer: 'Acme',
  identify,
  policy: accountPolicy,
  deviceCookie,
});

// One mount serves sign-in and the account page: `<totp-manage endpoint="/api/totp">`.
export const handleTotp = (request: Request) => totp.handle(request);
