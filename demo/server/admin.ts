/**
 * The portal's administration API: `createTotpAdmin` from `@totp-gate/server` at
 * `/api/totp-admin/`, for the Admin page's `<totp-admin>`, and `/api/admin-actions`, the latest
 * administrator actions from the audit log. Both are protected by the portal's own role check:
 * the request's session must belong to an account with the role `admin`, and that session must
 * have passed TOTP (the service's `guard`). Everyone else gets 403 (`/api/admin-actions` says
 * `totp-required` before TOTP, like the portal's other routes).
 */
import type { Database } from 'better-sqlite3';
import { createTotpAdmin, type TotpService } from '@totp-gate/server';
import type { DemoAccount } from './accounts.js';
import type { DemoAuditEntry } from './audit-log.js';
import { json, jsonError } from './http.js';

/** Where the admin mount is served. */
export const ADMIN_BASE = '/api/totp-admin';

/** What the admin API needs from the portal. */
export interface DemoAdminOptions {
  service: TotpService;
  accounts: readonly DemoAccount[];
  /** The account signed in on a request (first factor), or null. */
  accountOf(request: Request): DemoAccount | null;
  /** The database that holds the audit log (`demo_audit`). */
  db: Database;
}

/** The admin API's two handlers, for the route table (`routes.ts`). */
export function createDemoAdmin({ service, accounts, accountOf, db }: DemoAdminOptions) {
  const byName = new Map(accounts.map((a) => [a.username, a]));

  /** carol (or any account with the role `admin`) whose session passed TOTP. */
  async function administrator(request: Request): Promise<string | null> {
    const account = accountOf(request);
    if (!account?.roles.includes('admin')) return null;
    return (await service.guard(request)) === null ? account.username : null;
  }

  const mount = createTotpAdmin({
    service,
    basePath: ADMIN_BASE,
    authorize: async (request) => {
      const adminId = await administrator(request);
      return adminId === null ? null : { adminId };
    },
    facts: (ids) =>
      new Map(
        ids.flatMap((id) => {
          const account = byName.get(id);
          return account
            ? [[id, { roles: account.roles, requiredSince: account.requiredSince, account: account.displayName }]]
            : [];
        }),
      ),
    // Every account, also those who never signed in, for dry runs.
    users: () =>
      accounts.map((a) => ({
        userId: a.username,
        roles: a.roles,
        requiredSince: a.requiredSince,
        account: a.displayName,
      })),
    onError: (error) => console.error('[totp-admin] unexpected error:', error instanceof Error ? error.message : error),
  });

  const recentActions = db.prepare(
    "SELECT at, user_id AS userId, session_id AS sessionId, type, outcome, detail FROM demo_audit WHERE type LIKE 'admin-%' ORDER BY seq DESC LIMIT 40",
  );

  return {
    /** `/api/totp-admin/*`: the admin mount; its `authorize` is the role check above. */
    mount: (request: Request) => mount.handle(request),
    /** `GET /api/admin-actions`: behind `guard()` like every route, then the role check. */
    async actions(request: Request): Promise<Response> {
      const refusal = await service.guard(request);
      if (refusal) return refusal;
      if ((await administrator(request)) === null) {
        return jsonError(403, 'forbidden', 'Only an administrator may use this endpoint.');
      }
      return json(200, { events: recentActions.all() as DemoAuditEntry[] });
    },
  };
}
