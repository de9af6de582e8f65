// Already on better-auth's two-factor plugin: make it mandatory, with TOTP Gate's policy.
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { twoFactor } from 'better-auth/plugins';
import { mandatoryTwoFactor, requireTwoFactor } from '@totp-gate/better-auth';

export const auth = betterAuth({
  database: new Database('./data/auth.sqlite'),
  emailAndPassword: { enabled: true },
  plugins: [
    twoFactor({ issuer: 'Acme', accountLockout: { maxFailedAttempts: 5, durationSeconds: 900 } }),
    mandatoryTwoFactor({
      policy: { gracePeriodSeconds: 7 * 86_400, exemptions: [{ role: 'kiosk', reason: 'shared terminal' }] },
    }),
  ],
});

// The app's own routes: null to go on, else 401 unauthenticated or 403 totp-required.
const guard = requireTwoFactor(auth);
export async function notes(request: Request): Promise<Response> {
  return (await guard(request)) ?? Response.json({ notes: ['Only after the second factor.'] });
}
