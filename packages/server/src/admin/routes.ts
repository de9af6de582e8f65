/**
 * The admin mount's route table and its dispatcher, built like the contract's (`../routes.ts`):
 * one line per route, one error table (`../errors.ts`), JSON bodies under the same rules (415,
 * 413, 400), and every answer `no-store`. The difference: routes have a `:userId` segment, and
 * before anything else the host's `authorize` must name an administrator, or the answer is 403.
 */
import { errorAnswer, type Answer } from '../errors.js';
import { routeBody, type Exchange } from '../routes.js';
import type { TotpAdmin } from '../admin.js';
import type { AuditEvent } from '../audit.js';
import type { Administrators, DryRunInput, DryRunUser } from './dry-run.js';
import { checkFormat, exportAudit, type ExportFormat } from './export.js';
import type { FactsLookup, ListQuery } from './list.js';
import type { Standing } from './standing.js';

/** What a route's handler receives. */
export interface AdminCall {
  /** The administrator, as `authorize` named them. */
  adminId: string;
  /** The decoded `:userId` segment, when the route has one. */
  userId: string;
  /** The JSON body (`{}` for routes without one). */
  body: Record<string, unknown>;
  /** The query string. */
  query: URLSearchParams;
  admin: TotpAdmin;
  facts: FactsLookup | undefined;
  /** The host's users for dry runs and exports (the mount's `users` option). */
  users: UsersSource | undefined;
  /** Who counts as an administrator for the self-lockout guard. */
  administrators: Administrators | undefined;
  /** The host's audit events (the mount's `auditEvents` option). */
  auditEvents: AuditSource | undefined;
}

/** The host's full user list, for dry runs: ids or ids with facts. */
export type UsersSource = () =>
  Iterable<DryRunUser> | AsyncIterable<DryRunUser> | Promise<Iterable<DryRunUser> | AsyncIterable<DryRunUser>>;

/** A file download: CSV or JSON text, never cached. */
function download(text: string, format: ExportFormat, name: string): Answer {
  return {
    status: 200,
    body: null,
    text,
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.${format}"`,
    },
  };
}

/** The host's audit events for the audit export. */
export type AuditSource = () =>
  Iterable<AuditEvent> | AsyncIterable<AuditEvent> | Promise<Iterable<AuditEvent> | AsyncIterable<AuditEvent>>;

/** The dry-run input from a request body and the mount's options. */
async function dryRunInput(c: AdminCall): Promise<DryRunInput> {
  const { policy, at, listLimit } = c.body;
  return {
    policy: policy as DryRunInput['policy'],
    ...(at !== undefined && { at: at as string }),
    ...(listLimit !== undefined && { listLimit: listLimit as number }),
    ...(c.users && { users: await c.users() }),
    ...(c.administrators && { administrators: c.administrators }),
  };
}

/** One admin route. */
export interface AdminRouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the mount; `:userId` stands for one URL-encoded segment. */
  readonly path: `/${string}`;
  readonly body: 'json' | 'none';
  readonly run: (call: AdminCall) => Promise<Answer>;
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The administrator's act from a body: its reason (checked by the admin function) and who. */
const actOf = (c: AdminCall) => ({ reason: c.body.reason as string, adminId: c.adminId });
/** Runs a change, then answers with the user's standing after it. */
const thenUser =
  (change: (c: AdminCall) => Promise<unknown>) =>
  async (c: AdminCall): Promise<Answer> => {
    await change(c);
    return ok(await c.admin.user(c.userId, c.facts));
  };

/** The list query from a URL: `standing` may repeat or be comma-separated. */
export function listQueryFrom(query: URLSearchParams): ListQuery {
  const standing = query
    .getAll('standing')
    .flatMap((value) => value.split(','))
    .filter(Boolean) as Standing[];
  const limit = query.get('limit');
  return {
    ...(standing.length && { standing }),
    ...(query.has('role') && { role: query.get('role')! }),
    ...(query.has('search') && { search: query.get('search')! }),
    ...(query.has('cursor') && { cursor: query.get('cursor')! }),
    ...(limit !== null && { limit: /^\d{1,4}$/.test(limit) ? Number(limit) : Number.NaN }),
  };
}

/** The admin routes. */
export const ADMIN_ROUTES: readonly AdminRouteSpec[] = [
  {
    method: 'GET',
    path: '/users',
    body: 'none',
    run: async (c) => ok(await c.admin.list(listQueryFrom(c.query), c.facts)),
  },
  { method: 'GET', path: '/users/:userId', body: 'none', run: async (c) => ok(await c.admin.user(c.userId, c.facts)) },
  {
    method: 'POST',
    path: '/users/:userId/reset',
    body: 'json',
    run: thenUser((c) => c.admin.reset(c.userId, actOf(c))),
  },
  {
    method: 'POST',
    path: '/users/:userId/unlock',
    body: 'json',
    run: thenUser((c) => c.admin.unlock(c.userId, actOf(c))),
  },
  {
    method: 'PUT',
    path: '/users/:userId/exemption',
    body: 'json',
    run: thenUser((c) =>
      c.admin.grantExemption(
        c.userId,
        { reason: text(c.body.reason)!, expiresAt: text(c.body.expiresAt)!, adminId: c.adminId },
        c.facts,
      ),
    ),
  },
  {
    method: 'DELETE',
    path: '/users/:userId/exemption',
    body: 'json',
    run: thenUser((c) => c.admin.revokeExemption(c.userId, actOf(c))),
  },
  {
    method: 'POST',
    path: '/dry-run',
    body: 'json',
    run: async (c) => ok(await c.admin.dryRun(await dryRunInput(c), c.facts)),
  },
  {
    method: 'GET',
    path: '/export/users',
    body: 'none',
    async run(c) {
      const format = checkFormat(c.query.get('format'));
      const { standing, role, search } = listQueryFrom(c.query);
      const text = await c.admin.exportUsers({ format, standing, role, search }, c.facts);
      return download(text, format, 'totp-users');
    },
  },
  {
    method: 'GET',
    path: '/export/audit',
    body: 'none',
    async run(c) {
      const format = checkFormat(c.query.get('format'));
      if (c.auditEvents === undefined) return errorAnswer('not-found', 'This admin mount was given no audit events.');
      return download(await exportAudit(await c.auditEvents(), format, Date.now()), format, 'totp-audit');
    },
  },
  {
    method: 'POST',
    path: '/policy-check',
    body: 'json',
    async run(c) {
      const override = c.body.override as { reason?: unknown } | undefined | null;
      const input = {
        ...(await dryRunInput(c)),
        ...(override != null && { override: { reason: override.reason as string, adminId: c.adminId } }),
      };
      return ok(await c.admin.checkPolicy(input, c.facts));
    },
  },
];

/** The routes of one path pattern, by method. */
export type AdminPathRoutes = ReadonlyMap<string, AdminRouteSpec>;

const BY_PATTERN = new Map<string, Map<string, AdminRouteSpec>>();
for (const route of ADMIN_ROUTES) {
  const methods = BY_PATTERN.get(route.path) ?? new Map<string, AdminRouteSpec>();
  if (methods.has(route.method)) throw new Error(`Two admin routes for ${route.method} ${route.path}.`);
  BY_PATTERN.set(route.path, methods.set(route.method, route));
}
const PATTERNS = [...BY_PATTERN.keys()].map((pattern) => ({ pattern, parts: pattern.split('/') }));

/** A matched path: its routes and the decoded `:userId`, or `bad-escape` for a broken %-escape. */
export type Located = { routes: AdminPathRoutes; userId: string } | 'missing' | 'bad-escape';

/** The routes of a path relative to the mount (`/users/alice/reset`). */
export function locateAdmin(relative: string): Located {
  const parts = relative.split('/');
  for (const { pattern, parts: want } of PATTERNS) {
    if (want.length !== parts.length) continue;
    let userId = '';
    let matched = true;
    for (let i = 0; i < want.length && matched; i++) {
      if (want[i] === ':userId') {
        if (parts[i] === '') matched = false;
        else {
          try {
            userId = decodeURIComponent(parts[i]!);
          } catch {
            return 'bad-escape';
          }
        }
      } else if (want[i] !== parts[i]) matched = false;
    }
    if (matched) return { routes: BY_PATTERN.get(pattern)!, userId };
  }
  return 'missing';
}

/** What the dispatcher needs from the mount. */
export interface AdminDispatch {
  admin: TotpAdmin;
  facts: FactsLookup | undefined;
  users: UsersSource | undefined;
  administrators: Administrators | undefined;
  auditEvents: AuditSource | undefined;
  /** The administrator's id, or null when the request is not an administrator's. */
  authorize(exchange: Exchange): Promise<string | null>;
}

/** Routes one request whose path matched: authorize, method, body rule, route. */
export async function dispatchAdmin(
  mount: AdminDispatch,
  located: { routes: AdminPathRoutes; userId: string },
  query: URLSearchParams,
  exchange: Exchange,
): Promise<Answer> {
  const adminId = await mount.authorize(exchange);
  if (adminId === null) return errorAnswer('forbidden', 'Only an administrator may use this endpoint.');
  const route = located.routes.get(exchange.method);
  if (route === undefined) {
    const allow = [...located.routes.keys()].join(', ');
    const answer = errorAnswer('method-not-allowed', `Use ${allow} for ${located.routes.values().next().value!.path}.`);
    return { ...answer, headers: { allow } };
  }
  const body = await routeBody(route.body, exchange);
  if ('answer' in body) return body.answer;
  return route.run({
    adminId,
    userId: located.userId,
    body: body.body,
    query,
    admin: mount.admin,
    facts: mount.facts,
    users: mount.users,
    administrators: mount.administrators,
    auditEvents: mount.auditEvents,
  });
}
