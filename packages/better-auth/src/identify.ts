/**
 * `identifyWithBetterAuth`: a better-auth session as the first factor of the TOTP Gate service.
 * The service's `identify(request)` is who better-auth says is signed in, read from the request's
 * cookies (or bearer token) by better-auth itself; nothing in a request body names the user (S29).
 */
import type { Identity } from '@totp-gate/server';

/** The user fields better-auth and its admin and username plugins give. */
export interface BetterAuthUser {
  id: string;
  email?: string | null;
  /** From the username plugin. */
  username?: string | null;
  /** From the admin plugin: one role or several separated by commas (`"admin,support"`). */
  role?: string | null;
  createdAt?: Date | string | null;
  [field: string]: unknown;
}

/** The session fields better-auth and its organization plugin give. */
export interface BetterAuthSession {
  id: string;
  userId: string;
  /** From the organization plugin. */
  activeOrganizationId?: string | null;
  [field: string]: unknown;
}

/** What `auth.api.getSession` resolves to. */
export interface BetterAuthSessionResult {
  session: BetterAuthSession;
  user: BetterAuthUser;
}

/** The part of a better-auth instance (`betterAuth({ ... })`) the integration uses. */
export interface BetterAuthInstance {
  api: {
    getSession(context: { headers: Headers }): Promise<BetterAuthSessionResult | null>;
  };
  options: { plugins?: ReadonlyArray<{ id: string }> | undefined };
  $context: Promise<{
    adapter: {
      findOne<T>(query: { model: string; where: Array<{ field: string; value: string }> }): Promise<T | null>;
    };
  }>;
}

/** Options for {@link identifyWithBetterAuth}. */
export interface IdentifyOptions {
  /**
   * The label authenticator apps show. Default: the e-mail address, else the username. It must
   * not contain `:` (S10).
   */
  account?: (user: BetterAuthUser) => string;
  /**
   * The roles the policy sees (`requiredRoles`, role exemptions). Default: the admin plugin's
   * `user.role` split at commas, plus `org:<role>` for each role the user holds in the session's
   * active organization when the organization plugin is installed. Organization roles carry the
   * `org:` prefix because anyone can create an organization and own it: a plain `admin` there
   * must not match a policy written for the application's administrators.
   */
  roles?: (result: BetterAuthSessionResult) => readonly string[] | Promise<readonly string[]>;
  /**
   * When TOTP became required for this user; a grace period counts from here. Default: when the
   * user was created, so a grace period gives new users time to enroll.
   */
  requiredSince?: (user: BetterAuthUser) => Date | string | null;
}

/** A role list as better-auth's admin and organization plugins store it: comma-separated. */
export const splitRoles = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role.length > 0)
    : [];

/** The admin plugin's roles and, with the organization plugin, the active organization's as `org:<role>`. */
async function defaultRoles(auth: BetterAuthInstance, result: BetterAuthSessionResult): Promise<string[]> {
  const roles = splitRoles(result.user.role);
  const organizationId = result.session.activeOrganizationId;
  const hasOrganizations = auth.options.plugins?.some((plugin) => plugin.id === 'organization') ?? false;
  if (hasOrganizations && typeof organizationId === 'string' && organizationId.length > 0) {
    const context = await auth.$context;
    const member = await context.adapter.findOne<{ role?: unknown }>({
      model: 'member',
      where: [
        { field: 'userId', value: result.user.id },
        { field: 'organizationId', value: organizationId },
      ],
    });
    for (const role of splitRoles(member?.role)) roles.push(`org:${role}`);
  }
  return roles;
}

const defaultAccount = (user: BetterAuthUser): string =>
  (typeof user.email === 'string' && user.email) || (typeof user.username === 'string' && user.username) || user.id;

/**
 * Turns the better-auth session of a request into the TOTP Gate service's identity: user id,
 * session id (better-auth's session id, never its token), account label and roles. Null when
 * better-auth finds no session.
 *
 * @example
 * const service = createTotpService({ store, issuer: 'Acme', identify: identifyWithBetterAuth(auth) })
 */
export function identifyWithBetterAuth(
  auth: BetterAuthInstance,
  options: IdentifyOptions = {},
): (request: Request) => Promise<Identity | null> {
  const account = options.account ?? defaultAccount;
  const requiredSince = options.requiredSince ?? ((user: BetterAuthUser) => (user.createdAt as Date | string) ?? null);
  return async (request) => {
    const result = await auth.api.getSession({ headers: request.headers });
    if (!result?.session || !result.user) return null;
    const roles = await (options.roles ? options.roles(result) : defaultRoles(auth, result));
    return {
      userId: result.user.id,
      sessionId: result.session.id,
      account: account(result.user),
      roles,
      requiredSince: requiredSince(result.user),
    };
  };
}
