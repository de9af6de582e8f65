/**
 * `requireTwoFactor(auth)`: the guard of the app's own protected routes when better-auth's
 * two-factor plugin is made mandatory by `mandatoryTwoFactor()`. Same answers as the TOTP Gate
 * service's `guard()`: null to go on, else 401 `unauthenticated` or 403 `totp-required` (S23).
 */
import type { Status } from '@totp-gate/core';
import { MANDATORY_TWO_FACTOR_PLUGIN_ID } from './mandatory.js';

/** The part of a better-auth instance with `mandatoryTwoFactor()` installed that the guard uses. */
export interface MandatoryTwoFactorAuth {
  api: object;
  options: { plugins?: ReadonlyArray<{ id: string }> | undefined };
}

type StatusEndpoint = (context: { headers: Headers }) => Promise<Status>;

const answer = (status: number, code: string, message: string, state?: string) =>
  Response.json(
    { error: { code, message, ...(state && { state }) } },
    { status, headers: { 'cache-control': 'no-store' } },
  );

/**
 * Returns the guard for protected routes.
 *
 * @example
 * const guard = requireTwoFactor(auth)
 * const denied = await guard(request); if (denied) return denied
 */
export function requireTwoFactor(auth: MandatoryTwoFactorAuth): (request: Request) => Promise<Response | null> {
  if (!auth.options.plugins?.some((plugin) => plugin.id === MANDATORY_TWO_FACTOR_PLUGIN_ID)) {
    throw new TypeError('Add mandatoryTwoFactor() to the plugins of betterAuth() first.');
  }
  const status = (auth.api as { totpGateStatus: StatusEndpoint }).totpGateStatus;
  return async (request) => {
    let state: Status['state'];
    try {
      state = (await status({ headers: request.headers })).state;
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode === 401)
        return answer(401, 'unauthenticated', 'Sign in first.');
      throw error;
    }
    // A sign-in waiting for its second factor has no session: the app's routes see nobody yet.
    if (state === 'verified' || state === 'exempt' || state === 'deferred') return null;
    return answer(403, 'totp-required', 'A TOTP code is required for this session.', state);
  };
}
