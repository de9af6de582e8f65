/**
 * The demo API's route table: every path the demo answers under `/api/`, the methods it takes,
 * and whether it answers before the second factor has passed (and why). `app.ts` dispatches
 * through this table only, so a route that is not listed here cannot be reached, and the S23
 * end-to-end test walks every entry: a route without `beforeTotp` must answer 403
 * `totp-required` to a session that has passed only the password.
 */

/** One route of the demo API. */
export interface DemoRoute {
  path: string;
  /** The path is a mount: every path under it belongs to the route (the TOTP contract). */
  mount?: true;
  methods: readonly string[];
  /** Why the route answers a password-only session; absent when it is behind `guard()`. */
  beforeTotp?: string;
  /**
   * Only for an administrator (admin.ts): behind `guard()` like the others, and then the portal's
   * role check, so a verified session without the role `admin` gets 403 `forbidden`.
   */
  adminOnly?: true;
}

export const DEMO_ROUTES = [
  {
    path: '/api/login',
    methods: ['POST'],
    beforeTotp: 'The password step itself: there is no session yet (throttled per account and address, S76).',
  },
  {
    path: '/api/logout',
    methods: ['POST'],
    beforeTotp: 'Signing out must work at every step.',
  },
  {
    path: '/api/me',
    methods: ['GET'],
    beforeTotp:
      'The page needs the signed-in name, roles and whether TOTP is required to show the gate; it says nothing else.',
  },
  {
    path: '/api/audit',
    methods: ['GET'],
    beforeTotp:
      "Before TOTP only the current session's own entries (so the panel shows each refusal as it happens); the account's history needs TOTP.",
  },
  {
    path: '/api/notes',
    methods: ['GET'],
  },
  {
    path: '/api/totp/',
    mount: true,
    methods: ['GET', 'POST'],
    beforeTotp:
      "The TOTP contract (@totp-gate/server): status, enrollment and the challenge must answer before TOTP; its other routes need the second factor (the library's S12 and S23 tests).",
  },
  {
    // The admin mount (@totp-gate/server's createTotpAdmin, admin.ts): its authorize() lets in
    // only an administrator whose session passed TOTP; everyone else gets 403 forbidden.
    path: '/api/totp-admin/',
    mount: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    adminOnly: true,
  },
  {
    path: '/api/admin-actions',
    methods: ['GET'],
    adminOnly: true,
  },
] as const satisfies readonly DemoRoute[];

/** The path of a route in {@link DEMO_ROUTES}. */
export type DemoRoutePath = (typeof DEMO_ROUTES)[number]['path'];

/** The route a path belongs to, or undefined. */
export function findRoute(path: string): DemoRoute | undefined {
  return (DEMO_ROUTES as readonly DemoRoute[]).find((r) => (r.mount ? path.startsWith(r.path) : path === r.path));
}
