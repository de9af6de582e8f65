/**
 * `createBetterAuthTotpGate`: better-auth signs people in, TOTP Gate is the mandatory second factor.
 * One call gives the service (REST contract v1 for `<totp-gate>`), its guard for protected routes
 * and the session rotation of S28 through better-auth's own sessions.
 */
import { createTotpService, type TotpService, type TotpServiceOptions, type VerifiedHook } from '@totp-gate/server';
import { identifyWithBetterAuth, type BetterAuthInstance, type IdentifyOptions } from './identify.js';
import { TOTP_GATE_SESSION_PLUGIN_ID } from './session-plugin.js';

/** Options for {@link createBetterAuthTotpGate}: the service's, with `identify` taken from better-auth. */
export interface BetterAuthTotpGateOptions extends Omit<TotpServiceOptions, 'identify'>, IdentifyOptions {
  /** The better-auth instance (`betterAuth({ ... })`). */
  auth: BetterAuthInstance;
}

/** What {@link createBetterAuthTotpGate} returns. */
export interface BetterAuthTotpGate {
  /** The TOTP Gate service: `handle(request)` for the REST contract, `guard`, `admin`, ... */
  readonly service: TotpService;
  /**
   * Wraps a fetch-style handler of protected routes: it runs only for a session that passed TOTP
   * (or is exempt or deferred); otherwise the answer is 401 `unauthenticated` or 403 `totp-required`.
   */
  protect<A extends unknown[]>(
    handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  ): (request: Request, ...rest: A) => Promise<Response>;
}

type RotateEndpoint = (context: {
  headers: Headers;
  returnHeaders: true;
}) => Promise<{ headers: Headers; response: { sessionId: string } }>;

/**
 * The S28 hook: better-auth replaces the session (new id and token, the old one deleted) and the
 * verified mark moves to the new id, so a session token seen before the second factor (a
 * fixation, a shared computer) is worth nothing after it.
 */
function rotateWithBetterAuth(auth: BetterAuthInstance): VerifiedHook {
  const rotate = (auth.api as unknown as { rotateTotpGateSession?: RotateEndpoint }).rotateTotpGateSession;
  return async (request) => {
    if (!rotate || request === null) return;
    const { headers, response } = await rotate({ headers: request.headers, returnHeaders: true });
    return {
      sessionId: response.sessionId,
      headers: headers.getSetCookie().map((c): [string, string] => ['set-cookie', c]),
    };
  };
}

/**
 * Creates the TOTP Gate service for a better-auth app. Install `totpGateSession()` in better-auth's
 * plugins so the session rotates when a code passes (S28); without it a `TypeError` says so.
 *
 * @example
 * const auth = betterAuth({ database, emailAndPassword: { enabled: true }, plugins: [totpGateSession()] })
 * const totp = createBetterAuthTotpGate({ auth, store: sqliteStore('totp.sqlite'), issuer: 'Acme', basePath: '/api/totp' })
 * // fetch server: /api/auth/* → auth.handler, /api/totp/* → totp.service.handle, the rest → totp.protect(app)
 */
export function createBetterAuthTotpGate(options: BetterAuthTotpGateOptions): BetterAuthTotpGate {
  const { auth, account, roles, requiredSince, onVerified, ...rest } = options;
  if (!auth.options.plugins?.some((plugin) => plugin.id === TOTP_GATE_SESSION_PLUGIN_ID)) {
    throw new TypeError('Add totpGateSession() to the plugins of betterAuth() so sessions rotate after TOTP (S28).');
  }
  const rotate = rotateWithBetterAuth(auth);
  const service = createTotpService({
    ...rest,
    identify: identifyWithBetterAuth(auth, { account, roles, requiredSince }),
    onVerified: async (request, user) => {
      const rotated = await rotate(request, user);
      const extra = await onVerified?.(request, { ...user, sessionId: rotated?.sessionId ?? user.sessionId });
      const headers = new Headers(rotated?.headers);
      new Headers(extra?.headers).forEach((value, name) => headers.append(name, value));
      return { sessionId: extra?.sessionId ?? rotated?.sessionId ?? user.sessionId, headers };
    },
  });
  return {
    service,
    protect:
      (handler) =>
      async (request, ...more) =>
        (await service.guard(request)) ?? handler(request, ...more),
  };
}
