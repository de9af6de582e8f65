/**
 * The Acme Portal API: first-factor sign-in with sessions in SQLite, the TOTP contract from
 * `@totp-gate/server` at `/api/totp`, and the protected notes behind the service's `guard()`.
 *
 * Written as one fetch-style function (`Request` → `Response`), so it runs unchanged as Vite
 * middleware (see `vite-plugin.ts`), in `node:http`, or in any framework that speaks fetch.
 *
 * Past 300 lines: `createDemoApi` wires the portal's pieces (accounts, sessions, audit, throttle,
 * the TOTP services and the admin page, each in its own module) to the route table in one
 * closure, so every handler sees the same database and services.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createTotpService, type TotpServiceOptions } from '@totp-gate/server';
import { createPasswordCheck, demoAccounts, endOfYear, type DemoAccount } from './accounts.js';
import { createDemoAdmin } from './admin.js';
import { createAuditLog, describeDetail } from './audit-log.js';
import { NOTES } from './notes.js';
import { SESSION_COOKIE, createSessionStore, type DemoSession } from './sessions.js';
import { demoTotpStore } from './totp-store.js';
import {
  bodyTooLarge,
  clearedCookie,
  internalError,
  isJson,
  json,
  jsonError,
  readCookie,
  readJson,
  sessionCookie,
  tooManySignIns,
  type ClientFacts,
} from './http.js';
import { findRoute, type DemoRoutePath } from './routes.js';
import { createSignInThrottle, type SignInThrottleOptions } from './sign-in-throttle.js';

/** Where the demo keeps its data unless `DEMO_DB` says otherwise. */
export const DEFAULT_DB_PATH = 'demo/.data/demo.sqlite';

/** Options of {@link createDemoApi}. */
export interface DemoApiOptions {
  /** The SQLite file (created with its folder when missing). */
  dbPath: string;
  /** A `postgres://` or `redis://` URL for the TOTP state (`DEMO_STORE`); default: the SQLite file. */
  store?: string | undefined;
  /**
   * Test configuration: a 3-second first lock instead of 30 seconds, so the end-to-end tests can
   * watch a lock-out end. Never used by `npm run demo`.
   */
  test?: boolean;
  /** Print no audit lines (the end-to-end tests read the panel instead). */
  quiet?: boolean;
}

/** The demo's policy: staff and admins must use TOTP; root's break-glass exemption ends with the year. */
export function demoPolicy(now: Date, test: boolean) {
  return {
    requiredRoles: ['staff', 'admin'],
    gracePeriodSeconds: 7 * 86_400,
    exemptions: [{ userId: 'root', reason: 'break-glass', expiresAt: endOfYear(now) }],
    lockout: test ? { baseDelaySeconds: 3, maxDelaySeconds: 30 } : {},
  };
}

/**
 * Sign-in limits (S76): 10 failed sign-ins per account and 20 per client address within 15
 * minutes; the test configuration keeps the counts but forgets them after 20 seconds (long enough
 * for the tests' 30 sign-ins on a busy machine, short enough to wait for the window's end).
 */
export function signInLimits(test: boolean): SignInThrottleOptions {
  const windowMs = test ? 20_000 : 15 * 60_000;
  return { perAccount: { limit: 10, windowMs }, perAddress: { limit: 20, windowMs } };
}

/**
 * The policy for the one account with `remembersDevice` (frank): the demo policy plus "Don't ask
 * again on this device" for 30 days. Everyone else keeps the default, a code at every sign-in.
 */
export function rememberingPolicy(now: Date, test: boolean) {
  return { ...demoPolicy(now, test), rememberDevice: { enabled: true, maxAgeSeconds: 30 * 86_400 } };
}

const ISSUER = 'Acme Portal';

/**
 * The key that encrypts TOTP secrets at rest (AES-256-GCM), as the server's docs recommend.
 * A real deployment takes it from a secret manager; the demo keeps one next to its database,
 * made on first start, so that a copy of the database alone holds no usable secret.
 */
function encryptionKeyFor(dbPath: string): Buffer {
  const keyPath = `${dbPath}.key`;
  if (!existsSync(keyPath)) writeFileSync(keyPath, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte key. Run \`npm run demo:reset\`.`);
  return key;
}

/** The account label an authenticator app shows next to the issuer. */
function accountLabel(account: DemoAccount): string {
  return `${account.username}@acme.example`;
}

/** Creates the API. Call `close()` to release the database. */
export function createDemoApi(options: DemoApiOptions) {
  const startedAt = new Date();
  const accounts = demoAccounts(startedAt);
  const byName = new Map(accounts.map((a) => [a.username, a]));
  const checkPassword = createPasswordCheck(accounts);
  /** Cookies are marked `Secure` when the demo is served over HTTPS (e.g. `vite --https`). */
  const secure = (request: Request | null) => request !== null && new URL(request.url).protocol === 'https:';

  mkdirSync(dirname(options.dbPath), { recursive: true });
  const db = new Database(options.dbPath);
  db.pragma('journal_mode = WAL');
  // As the TOTP store (S70): a short busy wait, then a JSON 503 with Retry-After (S73).
  db.pragma('busy_timeout = 100');
  const sessions = createSessionStore(db);
  const audit = createAuditLog(db, { quiet: options.quiet ?? false });
  const { store, where: storeWhere } = demoTotpStore(options.dbPath, options.store);
  const policy = demoPolicy(startedAt, options.test ?? false);

  /** The first-factor session of a request, with its account. */
  function signedIn(request: Request): { session: DemoSession; account: DemoAccount } | null {
    const session = sessions.find(readCookie(request, SESSION_COOKIE));
    const account = session ? byName.get(session.username) : undefined;
    return session && account ? { session, account } : null;
  }

  function record(userId: string, sessionId: string | null, type: string, outcome: string, detail = ''): void {
    audit.record({ at: new Date().toISOString(), userId, sessionId, type, outcome, detail });
  }

  const serviceOptions: TotpServiceOptions = {
    store,
    policy,
    issuer: ISSUER,
    basePath: '/api/totp',
    encryptionKey: encryptionKeyFor(options.dbPath),
    onError: (error) => console.error('[totp] unexpected error:', error instanceof Error ? error.message : error),
    identify: (request: Request) => {
      const who = signedIn(request);
      if (!who) return null;
      return {
        userId: who.account.username,
        sessionId: who.session.id,
        account: accountLabel(who.account),
        roles: who.account.roles,
        requiredSince: who.account.requiredSince,
      };
    },
    // S28: a new session id (and cookie) once the second factor passes; the service moves its
    // verified mark to the new id, and the old cookie no longer opens anything.
    onVerified: (request, user) => {
      const { token, session } = sessions.rotate(user.sessionId, user.userId);
      record(user.userId, session.id, 'session-rotated', 'success', `from=${user.sessionId}`);
      return {
        sessionId: session.id,
        headers: { 'set-cookie': sessionCookie(SESSION_COOKIE, token, secure(request)) },
      };
    },
    onAudit: (event) => {
      record(event.userId, event.sessionId, event.type, event.outcome, describeDetail({ ...event }));
    },
  };
  // Two services over one store, one per policy: the TOTP state is the same, only the offer differs.
  const service = createTotpService(serviceOptions);
  const remembering = createTotpService({
    ...serviceOptions,
    policy: rememberingPolicy(startedAt, options.test ?? false),
  });
  /** The service whose policy applies to the person signed in on this request. */
  const serviceFor = (request: Request) => (signedIn(request)?.account.remembersDevice ? remembering : service);

  const throttle = createSignInThrottle(signInLimits(options.test ?? false));
  // The Admin page's API (admin.ts): the admin mount behind the portal's own role check.
  const admin = createDemoAdmin({ service, accounts, accountOf: (request) => signedIn(request)?.account ?? null, db });

  async function login(request: Request, client: ClientFacts): Promise<Response> {
    if (!isJson(request)) return jsonError(415, 'unsupported-media-type', 'Send JSON.');
    const body = await readJson(request);
    if (body === 'too-large') return bodyTooLarge();
    if (!body) return jsonError(400, 'bad-request', 'Send {"username", "password"} as JSON.');
    const known = typeof body.username === 'string' && byName.has(body.username) ? body.username : null;
    // S76: a blocked account or address is refused before the password is even checked.
    const wait = throttle.check(known, client.address);
    if (wait > 0) return tooManySignIns(wait);
    const account = checkPassword(body.username, body.password);
    if (!account) {
      const blocked = throttle.failed(known, client.address);
      // S77: one row per counted failure of a known account, one more when a limit is reached;
      // refused attempts while blocked and unknown names write nothing.
      if (known) record(known, null, 'password-failed', 'failure');
      if (known && blocked) record(known, null, 'sign-in-throttled', 'failure');
      return jsonError(401, 'invalid-credentials', 'Wrong username or password.');
    }
    throttle.succeeded(account.username);
    // A new session at every sign-in, never the one the browser came with (session fixation).
    sessions.destroy(readCookie(request, SESSION_COOKIE));
    const { token, session } = sessions.create(account.username);
    record(account.username, session.id, 'password-verified', 'success');
    return json(200, me(account), { 'set-cookie': sessionCookie(SESSION_COOKIE, token, secure(request)) });
  }

  function me(account: DemoAccount) {
    const covered = policy.requiredRoles.some((role) => account.roles.includes(role));
    return {
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      account: accountLabel(account),
      totpRequired: covered,
    };
  }

  /** The handler of every route in the table (`routes.ts`); the table says who may call it. */
  const handlers: Record<DemoRoutePath, (request: Request, client: ClientFacts) => Promise<Response>> = {
    '/api/login': login,
    '/api/logout': async (request) => {
      if (!isJson(request)) return jsonError(415, 'unsupported-media-type', 'Send JSON.');
      const body = await readJson(request);
      if (body === 'too-large') return bodyTooLarge();
      if (!body) return jsonError(400, 'bad-request', 'Send {} as JSON.');
      const who = signedIn(request);
      if (who) record(who.account.username, who.session.id, 'signed-out', 'success');
      sessions.destroy(readCookie(request, SESSION_COOKIE));
      return json(200, { signedOut: true }, { 'set-cookie': clearedCookie(SESSION_COOKIE, secure(request)) });
    },
    '/api/me': async (request) => {
      const who = signedIn(request);
      return who ? json(200, me(who.account)) : jsonError(401, 'unauthenticated', 'Sign in first.');
    },
    '/api/audit': async (request) => {
      const who = signedIn(request);
      if (!who) return jsonError(401, 'unauthenticated', 'Sign in first.');
      // The account's history once TOTP has passed (or is not required); before, only what this
      // session did, so the panel can show each refusal as it happens (S23).
      const open = (await serviceFor(request).guard(request)) === null;
      return open
        ? json(200, { scope: 'account', events: audit.forUser(who.account.username) })
        : json(200, { scope: 'session', events: audit.forSession(who.account.username, who.session.id) });
    },
    '/api/notes': async (request) => {
      const refusal = await serviceFor(request).guard(request);
      if (refusal) {
        const who = signedIn(request);
        if (who)
          record(
            who.account.username,
            who.session.id,
            'protected-route-refused',
            'failure',
            `path=/api/notes status=${refusal.status}`,
          );
        return refusal;
      }
      return json(200, { notes: NOTES });
    },
    '/api/totp/': (request) => serviceFor(request).handle(request),
    '/api/totp-admin/': admin.mount,
    '/api/admin-actions': admin.actions,
  };

  async function route(request: Request, client: ClientFacts = {}): Promise<Response | null> {
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/api/')) return null;
    try {
      const found = findRoute(path);
      if (!found) return jsonError(404, 'not-found', 'No such API route.');
      if (!found.mount && !found.methods.includes(request.method)) {
        const allowed = found.methods.join(', ');
        const answer = jsonError(405, 'method-not-allowed', `Use ${allowed}.`);
        answer.headers.set('allow', allowed);
        return answer;
      }
      return await handlers[found.path as DemoRoutePath](request, client);
    } catch (error) {
      return internalError(error);
    }
  }

  return {
    /**
     * Answers a request under `/api/` (always JSON), or resolves null for anything else (the
     * page, assets). `client.address` is the peer address the sign-in throttle counts by.
     */
    fetch: route,
    /** The TOTP service, for hosts that serve its contract through `toNodeHandler`. */
    service,
    /** The same over the same store, with the policy of the one account offered remembered devices. */
    remembering,
    /** Whether the person a `Cookie` header's session belongs to is served by `remembering`. */
    remembersDevice: (cookie: string | undefined) =>
      serviceFor(new Request('http://demo.invalid/', { headers: cookie ? { cookie } : {} })) === remembering,
    /** The accounts, for the start banner. */
    accounts,
    /** Where the TOTP state lives, for the start banner (no password). */
    storeWhere,
    /** Closes the database connections. */
    close(): void {
      void store.close?.();
      db.close();
    },
  };
}

/** The API's type. */
export type DemoApi = ReturnType<typeof createDemoApi>;
