/**
 * `mandatoryTwoFactor()`: a better-auth server plugin that makes better-auth's own two-factor
 * plugin mandatory, with TOTP Gate's policy (roles, grace period, exemptions):
 *
 * - a session whose user must use TOTP and has not passed it reaches nothing of better-auth but
 *   enrollment, verification, its session and sign-out (403 `TWO_FACTOR_REQUIRED`), and
 *   `requireTwoFactor(auth)` gives the same answer to the app's own routes (S23);
 * - a session counts as verified only when it was created by the second factor (or verified a
 *   code itself): a session opened before the user enrolled elsewhere is challenged (S24);
 * - a TOTP code is accepted once: the time step is claimed before better-auth checks it (S13, S14);
 * - an active factor cannot be replaced (better-auth refuses) nor removed while required;
 * - `GET /totp-gate/status` answers the REST contract's status (the pending sign-in included),
 *   `POST /totp-gate/defer` defers inside a grace period (S32).
 */
import { parsePolicy, type PolicyInput } from '@totp-gate/core';
import type { BetterAuthPlugin } from 'better-auth';
import {
  APIError,
  createAuthEndpoint,
  createAuthMiddleware,
  getSessionFromCtx,
  sessionMiddleware,
} from 'better-auth/api';
import { splitRoles } from '../identify.js';
import { claimStep, matchingStep, type ReplayContext, type TwoFactorRow } from './replay.js';
import { standingOf, statusBody, type PolicyUser, type SessionMarks } from './standing.js';

/** The plugin's id, as `auth.options.plugins` lists it. */
export const MANDATORY_TWO_FACTOR_PLUGIN_ID = 'totp-gate-mandatory-two-factor';

/** Options for {@link mandatoryTwoFactor}. */
export interface MandatoryTwoFactorOptions {
  /**
   * TOTP Gate's policy; `requiredRoles`, `exemptions` and `gracePeriodSeconds` apply. Lock-outs
   * are better-auth's own (`twoFactor({ accountLockout })`), and so are the TOTP parameters.
   */
  policy?: PolicyInput;
  /** The user's roles for the policy. Default: the admin plugin's `user.role`, split at commas. */
  roles?: (user: PolicyUser) => readonly string[];
  /** When TOTP became required for the user (the grace period counts from here). Default: `user.createdAt`. */
  requiredSince?: (user: PolicyUser) => Date | string | null;
  /** More better-auth paths a session may reach before its second factor, e.g. `/send-verification-email`. */
  allowPaths?: readonly string[];
}

/** Paths (prefixes) a session reaches before its second factor: signing in and out, and the second factor itself. */
const ALWAYS_ALLOWED = [
  '/sign-in/',
  '/sign-up/',
  '/sign-out',
  '/get-session',
  '/two-factor/',
  '/totp-gate/',
  '/ok',
  '/error',
];
const SIGN_IN = ['/sign-in/email', '/sign-in/username', '/sign-in/phone-number'];
const VERIFYING = ['/two-factor/verify-totp', '/two-factor/verify-backup-code'];

type Ctx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];
type SessionOf = { session: SessionMarks & { id: string; token: string }; user: PolicyUser };

/** The options given to better-auth's `twoFactor()`, as far as they are read here. */
interface TwoFactorPluginOptions {
  issuer?: string;
  totpOptions?: { digits?: number; period?: number; issuer?: string };
  accountLockout?: { maxFailedAttempts?: number };
}
const pluginOptions = (ctx: Ctx): TwoFactorPluginOptions =>
  (ctx.context.getPlugin('two-factor') as { options?: TwoFactorPluginOptions } | null)?.options ?? {};

function twoFactorOptions(ctx: Ctx): { digits: number; period: number; issuer: string | undefined } {
  const options = pluginOptions(ctx);
  return {
    digits: options.totpOptions?.digits ?? 6,
    period: options.totpOptions?.period ?? 30,
    issuer: options.totpOptions?.issuer ?? options.issuer,
  };
}

function lockoutOf(ctx: Ctx): { max: number } {
  return { max: pluginOptions(ctx).accountLockout?.maxFailedAttempts ?? 10 };
}

/** The user of a sign-in waiting for its second factor (better-auth's signed `two_factor` cookie), or null. */
async function pendingUser(ctx: Ctx): Promise<PolicyUser | null> {
  const cookie = ctx.context.createAuthCookie('two_factor');
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const pending = await ctx.context.internalAdapter.findVerificationValue(identifier);
  if (!pending || new Date(pending.expiresAt).getTime() <= Date.now()) return null;
  return (await ctx.context.internalAdapter.findUserById(pending.value)) as PolicyUser | null;
}

const twoFactorRow = (ctx: Ctx, userId: string) =>
  ctx.context.adapter.findOne<
    TwoFactorRow & { lockedUntil?: Date | string | null; failedVerificationCount?: number | null }
  >({
    model: 'twoFactor',
    where: [{ field: 'userId', value: userId }],
  });

/**
 * Makes better-auth's `twoFactor()` plugin mandatory. Install it after `twoFactor()`.
 *
 * @example
 * betterAuth({ plugins: [twoFactor({ issuer: 'Acme' }), mandatoryTwoFactor({ policy: { gracePeriodSeconds: 7 * 86_400 } })] })
 */
export const mandatoryTwoFactor = (options: MandatoryTwoFactorOptions = {}) => {
  const policy = parsePolicy(options.policy);
  const subject = {
    roles: options.roles ?? ((user: PolicyUser) => splitRoles(user.role)),
    requiredSince: options.requiredSince ?? ((user: PolicyUser) => user.createdAt ?? null),
  };
  const allowed = [...ALWAYS_ALLOWED, ...(options.allowPaths ?? [])];

  /** The standing of the request's session, or of its pending sign-in; null when nobody is signed in. */
  async function standingOfRequest(ctx: Ctx) {
    const session = (await getSessionFromCtx(ctx)) as SessionOf | null;
    const user = session?.user ?? (await pendingUser(ctx));
    if (!user) return null;
    const row = user.twoFactorEnabled === true ? await twoFactorRow(ctx, user.id) : null;
    const lockedUntil = row?.lockedUntil ? new Date(row.lockedUntil) : null;
    const now = new Date();
    // A pending sign-in has no session yet: it is the challenge itself.
    const standing = standingOf(policy, subject, user, session?.session ?? {}, lockedUntil, now);
    const failures = Number(row?.failedVerificationCount ?? 0);
    return {
      session,
      user,
      row,
      lockedUntil,
      now,
      standing,
      attemptsLeft: row ? Math.max(0, lockoutOf(ctx).max - failures) : null,
    };
  }

  return {
    id: MANDATORY_TWO_FACTOR_PLUGIN_ID,
    schema: {
      session: {
        fields: {
          totpGateVerified: { type: 'boolean', required: false, defaultValue: false, input: false },
          totpGateDeferred: { type: 'boolean', required: false, defaultValue: false, input: false },
        },
      },
      twoFactor: {
        fields: { totpLastStep: { type: 'number', required: false, defaultValue: 0, input: false, returned: false } },
      },
    },
    endpoints: {
      totpGateStatus: createAuthEndpoint('/totp-gate/status', { method: 'GET' }, async (ctx) => {
        const found = await standingOfRequest(ctx);
        if (!found) throw APIError.from('UNAUTHORIZED', { code: 'UNAUTHENTICATED', message: 'Sign in first.' });
        const { issuer } = twoFactorOptions(ctx);
        return ctx.json(
          statusBody(found.standing, {
            account: String(found.user.email ?? found.user.id),
            issuer: issuer ?? ctx.context.appName,
            lockedUntil: found.lockedUntil,
            attemptsLeft: found.attemptsLeft,
            now: found.now,
          }),
        );
      }),
      totpGateDefer: createAuthEndpoint(
        '/totp-gate/defer',
        { method: 'POST', use: [sessionMiddleware] },
        async (ctx) => {
          const found = await standingOfRequest(ctx);
          const decision = found?.standing.decision;
          if (!found?.session || !decision?.canDefer || !decision.graceEndsAt) {
            throw APIError.from('FORBIDDEN', {
              code: 'GRACE_EXPIRED',
              message: 'There is no grace period to defer in.',
            });
          }
          await ctx.context.internalAdapter.updateSession(found.session.session.token, { totpGateDeferred: true });
          return ctx.json({ state: 'deferred' as const, graceEndsAt: decision.graceEndsAt.toISOString() });
        },
      ),
    },
    hooks: {
      before: [
        {
          // Everything but signing in and out and the second factor needs a session that passed it.
          matcher: (context) => !allowed.some((path) => context.path?.startsWith(path)),
          handler: createAuthMiddleware(async (ctx) => {
            const found = await standingOfRequest(ctx);
            if (found?.session && !found.standing.open) {
              throw APIError.from('FORBIDDEN', {
                code: 'TWO_FACTOR_REQUIRED',
                message: 'Two-factor authentication is required.',
              });
            }
          }),
        },
        {
          // A required factor cannot be switched off.
          matcher: (context) => context.path === '/two-factor/disable',
          handler: createAuthMiddleware(async (ctx) => {
            const found = await standingOfRequest(ctx);
            if (!found) return;
            const without = standingOf(
              policy,
              subject,
              { ...found.user, twoFactorEnabled: false },
              {},
              null,
              found.now,
            );
            if (without.state === 'enrollment-required') {
              throw APIError.from('FORBIDDEN', {
                code: 'TWO_FACTOR_MANDATORY',
                message: 'Two-factor authentication is mandatory.',
              });
            }
          }),
        },
        {
          // S13 S14: a code's time step is claimed once, before better-auth checks the code.
          matcher: (context) => context.path === '/two-factor/verify-totp',
          handler: createAuthMiddleware(async (ctx) => {
            const code = (ctx.body as { code?: unknown } | undefined)?.code;
            if (typeof code !== 'string') return;
            const session = (await getSessionFromCtx(ctx)) as SessionOf | null;
            const user = session?.user ?? (await pendingUser(ctx));
            const row = user ? await twoFactorRow(ctx, user.id) : null;
            if (!row) return;
            const context = ctx.context as unknown as ReplayContext;
            const step = await matchingStep(context, row, code, Date.now(), twoFactorOptions(ctx));
            if (step !== null && !(await claimStep(context, row, step))) {
              throw APIError.from('BAD_REQUEST', { code: 'TOTP_CODE_REUSED', message: 'This code was already used.' });
            }
          }),
        },
      ],
      after: [
        {
          // A session created by the second factor (or a trusted device) is verified; so is a
          // session that verified a code itself.
          matcher: (context) => VERIFYING.includes(context.path ?? '') || SIGN_IN.includes(context.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.context.returned instanceof Error) return;
            const created = ctx.context.newSession as SessionOf | null;
            if (created?.user.twoFactorEnabled === true) {
              await ctx.context.internalAdapter.updateSession(created.session.token, { totpGateVerified: true });
              return;
            }
            if (!VERIFYING.includes(ctx.path)) return;
            const current = (await getSessionFromCtx(ctx)) as SessionOf | null;
            if (current)
              await ctx.context.internalAdapter.updateSession(current.session.token, { totpGateVerified: true });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
};
