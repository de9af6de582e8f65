/**
 * `totpGateSession()`: the better-auth plugin that lets the TOTP Gate service rotate better-auth's
 * session when the second factor passes (S28). It adds one server-only endpoint, never reachable
 * over HTTP, that replaces the request's session with a new one (new id, new token, same user and
 * fields) through better-auth's own session and cookie code, and deletes the old one.
 */
import type { BetterAuthPlugin } from 'better-auth';
import { createAuthEndpoint, sessionMiddleware } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';

/** The plugin's id, as `auth.options.plugins` lists it. */
export const TOTP_GATE_SESSION_PLUGIN_ID = 'totp-gate-session';

/**
 * Install it in `betterAuth({ plugins: [totpGateSession()] })` next to
 * `createBetterAuthTotpGate`, which calls its endpoint after every accepted code.
 */
export const totpGateSession = () =>
  ({
    id: TOTP_GATE_SESSION_PLUGIN_ID,
    endpoints: {
      rotateTotpGateSession: createAuthEndpoint.serverOnly(
        { method: 'POST', use: [sessionMiddleware] },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const fresh = await ctx.context.internalAdapter.createSession(user.id, false, session);
          await setSessionCookie(ctx, { session: fresh, user });
          await ctx.context.internalAdapter.deleteSession(session.token);
          return ctx.json({ sessionId: fresh.id });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
