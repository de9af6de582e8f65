/**
 * `createTotpService`: the REST contract v1 as a fetch handler, the guard for protected routes,
 * and the administrator's tools, over one store.
 */
import { checkLabelPart, parsePolicy, type Policy, type PolicyInput } from '@totp-gate/core';
import { cryptoRandomBytes, type RandomBytes } from '@totp-gate/core/otp';
import * as account from './account.js';
import * as devices from './devices.js';
import { resolveDeviceCookie, type DeviceCookieOptions } from './device-cookie.js';
import * as actions from './actions.js';
import { createAdmin, type TotpAdmin } from './admin.js';
import type { AuditSink } from './audit.js';
import { checkEncryptionKey, checkPreviousKeys, KeyCache } from './crypto.js';
import type { Identity, ServiceContext, VerifiedHook } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { guardAnswer, type GuardOptions } from './guard.js';
import { pathOf, readRequestBody, toResponse } from './http.js';
import { parseAllowedOrigins, type AllowedOrigins } from './origin.js';
import { dispatch, DISPATCHERS, locate, notFound, parseBasePath, type Dispatch, type NodeContext } from './routes.js';
import { recoveryKeyFrom } from './recovery.js';
import { isStoreUnavailable, type TotpStore } from './stores/types.js';

/** Options for {@link createTotpService}. */
export interface TotpServiceOptions {
  /** Where state lives: `memoryStore()`, `sqliteStore(path)` or your own `TotpStore`. */
  store: TotpStore;
  /** The policy (defaults: everyone must enroll, SHA1/6/30, window 1, lock after 5, hard stop at 100). */
  policy?: PolicyInput | Policy;
  /** The issuer authenticator apps show, e.g. `Acme`. No `:` (S10). */
  issuer: string;
  /**
   * Says who is signed in with the first factor, from the request (cookie, token), or null.
   * Nothing in a request body ever names the user (S29).
   *
   * Under `toNodeHandler` the request is a view over the Node request: `method`, `url` and
   * `headers` read straight from it (no web `Request` is built unless another member is used),
   * and the Node `{ req, res }` come as the second argument, e.g. for `req.session`.
   */
  identify: (request: Request, node?: NodeContext) => Identity | null | Promise<Identity | null>;
  /** Receives audit events (S27). Exceptions it throws are swallowed so an audit outage locks nobody out. */
  onAudit?: AuditSink;
  /**
   * Called after a code passed for a session, before the answer is sent: rotate the session id
   * there (S28) and return `{ sessionId: newId, headers: { 'set-cookie': ... } }` so the verified
   * mark moves with it. Alternatively call `service.rotateSession(oldId, newId)` later.
   */
  onVerified?: VerifiedHook;
  /**
   * 32 bytes: secrets are stored encrypted with AES-256-GCM. Recommended: without it a copy of
   * the database is a copy of every user's second factor.
   */
  encryptionKey?: Uint8Array;
  /**
   * Retired keys, while a key rotation runs: secrets sealed under one of them still open, and are
   * sealed again under `encryptionKey` at the user's next successful sign-in. Needs `encryptionKey`.
   */
  previousEncryptionKeys?: readonly Uint8Array[];
  /** The clock, in ms since the epoch (default `Date.now`). Server time only (S16). */
  now?: () => number;
  /** Random bytes (default `crypto.getRandomValues`; S6). For tests only. */
  random?: RandomBytes;
  /**
   * Allow `POST /enrollment` while a factor is active, for a session that verified a code in the
   * last five minutes (S26). Off by default: a second secret is refused with 409.
   */
  allowReenrollment?: boolean;
  /**
   * The full path the contract is served at, e.g. `/api/totp`, as the browser sends it. With it,
   * only `basePath + route` matches, in `handle(Request)` and in `toNodeHandler` alike, also under
   * Express or Connect `app.use('/api/totp', …)` (which read `req.originalUrl`). Without it, any
   * path ending in a route name matches (under a router's mount: exactly the route).
   */
  basePath?: string;
  /**
   * The cookie of "Don't ask again on this device" (S58), which the policy's `rememberDevice`
   * turns on. Default: `__Host-totp-device`, `HttpOnly; Secure; SameSite=Strict; Path=/`. Set
   * `secure: false` only for development on `http://localhost`.
   */
  deviceCookie?: DeviceCookieOptions;
  /**
   * Pages on other origins that may call the contract (S44): exact origins or a function of the
   * `Origin` header. Other cross-site state-changing requests get `403 cross-origin` (origin.ts).
   */
  allowedOrigins?: AllowedOrigins;
  /**
   * Told about unexpected errors (a store failure, a throwing `identify`); the client gets a bare
   * 500, or a 503 with `Retry-After` when the store threw `StoreUnavailableError`.
   */
  onError?: (error: unknown) => void;
}

/** The REST endpoints as functions without HTTP, for hosts that do not speak fetch. */
export interface TotpActions {
  /** With the request, a remembered-device cookie in it counts (S58). */
  status(user: Identity, request?: Request | null): Promise<Answer>;
  startEnrollment(user: Identity): Promise<Answer>;
  confirmEnrollment(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  verify(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  redeemRecoveryCode(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  regenerateRecoveryCodes(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  defer(user: Identity): Promise<Answer>;
  listFactors(user: Identity): Promise<Answer>;
  addFactor(user: Identity, body: unknown): Promise<Answer>;
  confirmFactor(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  renameFactor(user: Identity, body: unknown): Promise<Answer>;
  removeFactor(user: Identity, body: unknown): Promise<Answer>;
  signOutOthers(user: Identity, request?: Request | null): Promise<Answer>;
  listDevices(user: Identity, request?: Request | null): Promise<Answer>;
  revokeDevice(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
}

/** What {@link createTotpService} returns. */
export interface TotpService {
  /** Serves the REST contract v1 (and `POST /recovery-codes`). Never throws: errors are JSON answers. */
  handle(request: Request): Promise<Response>;
  /**
   * For the host's protected routes: null when the session may go on (verified, exempt, or
   * deferred inside a grace period), else a 401 `unauthenticated` or 403 `totp-required` answer.
   */
  guard(request: Request, options?: GuardOptions): Promise<Response | null>;
  /**
   * Deletes the session records that expired (S45) and resolves with how many. Expired records
   * count for nothing anyway and are deleted when read; run this on a timer (say hourly) so the
   * ones nobody reads again do not pile up.
   */
  sweep(): Promise<number>;
  /** Moves a session's verified mark to a rotated session id (S28). */
  rotateSession(oldSessionId: string, newSessionId: string): Promise<void>;
  /**
   * At sign-out: forgets what this session did with TOTP (its verified mark or deferral), so
   * the session id, should it ever come back, has to pass the second factor again.
   */
  endSession(sessionId: string): Promise<void>;
  /** The endpoints without HTTP. */
  readonly actions: TotpActions;
  readonly admin: TotpAdmin;
  /** The parsed policy in force. */
  readonly policy: Policy;
}

const ignore = () => undefined;

function checkIdentity(identity: Identity): void {
  for (const field of ['userId', 'sessionId', 'account'] as const) {
    const value = identity[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
      throw new TypeError(`identify() must return a non-empty ${field} of at most 256 characters.`);
    }
  }
}

/**
 * Creates the enforcement service.
 *
 * @example
 * const service = createTotpService({
 *   store: sqliteStore('./totp.sqlite'),
 *   issuer: 'Acme',
 *   encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
 *   identify: (request) => sessions.fromCookie(request.headers.get('cookie')),
 * })
 * // fetch-style server: if (url.pathname.startsWith('/api/totp/')) return service.handle(request)
 * // protected route:    const denied = await service.guard(request); if (denied) return denied
 */
export function createTotpService(options: TotpServiceOptions): TotpService {
  const policy = parsePolicy(options.policy as PolicyInput);
  checkLabelPart('issuer', options.issuer);
  if (typeof options.identify !== 'function') throw new TypeError('identify must be a function.');
  const encryptionKey = checkEncryptionKey(options.encryptionKey);
  const previousKeys = checkPreviousKeys(options.previousEncryptionKeys);
  if (previousKeys.length && !encryptionKey) throw new TypeError('previousEncryptionKeys need an encryptionKey.');
  const mount = parseBasePath(options.basePath);
  const allowedOrigins = parseAllowedOrigins(options.allowedOrigins);
  const onAudit = options.onAudit;
  const ctx: ServiceContext = {
    store: options.store,
    policy,
    issuer: options.issuer,
    now: options.now ?? Date.now,
    random: options.random ?? cryptoRandomBytes,
    encryptionKey,
    keys: new KeyCache(encryptionKey, undefined, previousKeys),
    recoveryKey: recoveryKeyFrom(encryptionKey),
    previousRecoveryKeys: previousKeys.map((old) => recoveryKeyFrom(old)!),
    allowReenrollment: options.allowReenrollment === true,
    reenrollmentWindowMs: 5 * 60_000,
    onVerified: options.onVerified,
    deviceCookie: resolveDeviceCookie(options.deviceCookie),
    audit: onAudit
      ? (event) => {
          // An audit sink that fails must not turn a correct code into an error or a lockout.
          try {
            const pending = onAudit(event);
            if (pending && typeof pending.then === 'function') pending.then(undefined, ignore);
          } catch {
            // Swallowed for the same reason.
          }
        }
      : undefined,
  };

  const bound: TotpActions = {
    status: (user, request = null) => actions.status(ctx, user, request),
    startEnrollment: (user) => actions.startEnrollment(ctx, user),
    confirmEnrollment: (user, body, request = null) => actions.confirmEnrollment(ctx, user, body, request),
    verify: (user, body, request = null) => actions.verify(ctx, user, body, request),
    redeemRecoveryCode: (user, body, request = null) => actions.redeemRecoveryCode(ctx, user, body, request),
    regenerateRecoveryCodes: (user, body, request = null) => actions.regenerateRecoveryCodes(ctx, user, body, request),
    defer: (user) => actions.defer(ctx, user),
    listFactors: (user) => account.listFactors(ctx, user),
    addFactor: (user, body) => account.addFactor(ctx, user, body),
    confirmFactor: (user, body, request = null) => account.confirmFactor(ctx, user, body, request),
    renameFactor: (user, body) => account.renameFactor(ctx, user, body),
    removeFactor: (user, body) => account.removeFactor(ctx, user, body),
    signOutOthers: (user, request = null) => account.signOutOthers(ctx, user, request),
    listDevices: (user, request = null) => devices.listDevices(ctx, user, request),
    revokeDevice: (user, body, request = null) => devices.revokeDevice(ctx, user, body, request),
  };

  const served: Dispatch = {
    actions: bound,
    mount,
    allowedOrigins,
    async identify(request, node) {
      const identity = await options.identify(request, node);
      if (identity !== null) checkIdentity(identity);
      return identity;
    },
    internalError(error) {
      options.onError?.(error);
      // A store that cannot answer right now (locked, timed out, unreachable) changed nothing: the
      // client may simply try again (S70). Anything else is a bare 500 without internals.
      if (isStoreUnavailable(error)) {
        return errorAnswer('unavailable', 'The server is busy; try again in a moment.', {
          retryAfter: error.retryAfter,
        });
      }
      return errorAnswer('internal', 'The server could not complete the request.');
    },
  };

  async function handle(request: Request): Promise<Answer> {
    const routes = locate(pathOf(request.url), mount);
    if (typeof routes === 'string') return notFound();
    return dispatch(served, routes, {
      method: request.method,
      request,
      header: (name) => request.headers.get(name),
      readBody: () => readRequestBody(request),
    });
  }

  const service: TotpService = {
    policy,
    actions: bound,
    admin: createAdmin(ctx),
    async handle(request) {
      try {
        return toResponse(await handle(request));
      } catch (error) {
        return toResponse(served.internalError(error));
      }
    },
    async guard(request, guardOptions = {}) {
      const { maxAge } = guardOptions;
      if (maxAge !== undefined && !(typeof maxAge === 'number' && maxAge >= 0 && Number.isFinite(maxAge))) {
        throw new TypeError('guard(): maxAge must be a number of seconds, 0 or more.');
      }
      try {
        const identity = await served.identify(request, undefined);
        if (identity === null) return toResponse(errorAnswer('unauthenticated', 'Sign in first.'));
        const answer = await guardAnswer(ctx, identity, request, maxAge);
        return answer === null ? null : toResponse(answer);
      } catch (error) {
        return toResponse(served.internalError(error));
      }
    },
    sweep() {
      return ctx.store.sweep(ctx.now());
    },
    async rotateSession(oldSessionId, newSessionId) {
      const record = await ctx.store.getSession(oldSessionId);
      if (record === null || oldSessionId === newSessionId) return;
      await ctx.store.putSession({ ...record, sessionId: newSessionId });
      await ctx.store.deleteSession(oldSessionId);
    },
    async endSession(sessionId) {
      await ctx.store.deleteSession(sessionId);
    },
  };
  DISPATCHERS.set(service, served);
  return service;
}
