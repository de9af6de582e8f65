/**
 * `createTotpService`: the REST contract v1 as a fetch handler, the guard for protected routes,
 * and the administrator's tools, over one store.
 */
import { checkLabelPart, parsePolicy, type Policy, type PolicyInput } from '@totp-gate/core';
import { cryptoRandomBytes, type RandomBytes } from '@totp-gate/core/otp';
import * as actions from './actions.js';
import { createAdmin, type TotpAdmin } from './admin.js';
import type { AuditSink } from './audit.js';
import { checkEncryptionKey, KeyCache } from './crypto.js';
import { standingOf, type Identity, type ServiceContext, type VerifiedHook } from './context.js';
import {
  errorAnswer,
  isUnderBase,
  matchRoute,
  pathOf,
  readJsonBody,
  ROUTES,
  toResponse,
  type Answer,
  type Route,
} from './http.js';
import { stateOf } from './status.js';
import type { TotpStore } from './stores/types.js';

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
   */
  identify: (request: Request) => Identity | null | Promise<Identity | null>;
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
   * The path the contract is mounted at, e.g. `/api/totp`. With it, only `basePath + route`
   * matches; without it, any path ending in a route name does (fine when the host already sends
   * only the mount's requests to `handle`).
   */
  basePath?: string;
  /** Told about unexpected errors (a store failure, a throwing `identify`); the client gets a bare 500. */
  onError?: (error: unknown) => void;
}

/** The REST endpoints as functions without HTTP, for hosts that do not speak fetch. */
export interface TotpActions {
  status(user: Identity): Promise<Answer>;
  startEnrollment(user: Identity): Promise<Answer>;
  confirmEnrollment(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  verify(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  redeemRecoveryCode(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  regenerateRecoveryCodes(user: Identity, body: unknown, request?: Request | null): Promise<Answer>;
  defer(user: Identity): Promise<Answer>;
}

/** What {@link createTotpService} returns. */
export interface TotpService {
  /** Serves the REST contract v1 (and `POST /recovery-codes`). Never throws: errors are JSON answers. */
  handle(request: Request): Promise<Response>;
  /**
   * For the host's protected routes: null when the session may go on (verified, exempt, or
   * deferred inside a grace period), else a 401 `unauthenticated` or 403 `totp-required` answer.
   */
  guard(request: Request): Promise<Response | null>;
  /** Moves a session's verified mark to a rotated session id (S28). */
  rotateSession(oldSessionId: string, newSessionId: string): Promise<void>;
  /** The endpoints without HTTP. */
  readonly actions: TotpActions;
  readonly admin: TotpAdmin;
  /** The parsed policy in force. */
  readonly policy: Policy;
}

const ignore = () => undefined;

const ROUTE_ACTIONS: Record<Route, keyof TotpActions> = {
  '/status': 'status',
  '/enrollment': 'startEnrollment',
  '/enrollment/confirm': 'confirmEnrollment',
  '/verify': 'verify',
  '/recovery': 'redeemRecoveryCode',
  '/recovery-codes': 'regenerateRecoveryCodes',
  '/defer': 'defer',
};

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
 *   encryptionKey: Buffer.from(process.env.TOTP_KEY!, 'base64'),
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
  const basePath = options.basePath?.replace(/\/+$/, '');
  const onAudit = options.onAudit;
  const ctx: ServiceContext = {
    store: options.store,
    policy,
    issuer: options.issuer,
    now: options.now ?? Date.now,
    random: options.random ?? cryptoRandomBytes,
    encryptionKey,
    keys: new KeyCache(encryptionKey),
    allowReenrollment: options.allowReenrollment === true,
    reenrollmentWindowMs: 5 * 60_000,
    onVerified: options.onVerified,
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
    status: (user) => actions.status(ctx, user),
    startEnrollment: (user) => actions.startEnrollment(ctx, user),
    confirmEnrollment: (user, body, request = null) => actions.confirmEnrollment(ctx, user, body, request),
    verify: (user, body, request = null) => actions.verify(ctx, user, body, request),
    redeemRecoveryCode: (user, body, request = null) => actions.redeemRecoveryCode(ctx, user, body, request),
    regenerateRecoveryCodes: (user, body, request = null) => actions.regenerateRecoveryCodes(ctx, user, body, request),
    defer: (user) => actions.defer(ctx, user),
  };

  async function identify(request: Request): Promise<Identity | null> {
    const identity = await options.identify(request);
    if (identity !== null) checkIdentity(identity);
    return identity;
  }

  function internalError(error: unknown): Response {
    options.onError?.(error);
    return toResponse(errorAnswer(500, 'internal', 'The server could not complete the request.'));
  }

  async function route(request: Request): Promise<Answer> {
    const pathname = pathOf(request.url);
    const found = isUnderBase(pathname, basePath) ? matchRoute(pathname, basePath) : null;
    if (found === null) return errorAnswer(404, 'not-found', 'There is no such TOTP endpoint.');
    const method = ROUTES[found];
    if (request.method !== method) {
      const answer = errorAnswer(405, 'method-not-allowed', `Use ${method} for ${found}.`);
      return { ...answer, headers: { allow: method } };
    }
    const identity = await identify(request);
    if (identity === null) return errorAnswer(401, 'unauthenticated', 'Sign in first.');
    const name = ROUTE_ACTIONS[found];
    if (method === 'GET') return bound.status(identity);
    const body = await readJsonBody(request);
    if (!body.ok) return body.answer;
    if (name === 'startEnrollment' || name === 'defer' || name === 'status') return bound[name](identity);
    return bound[name](identity, body.body, request);
  }

  return {
    policy,
    actions: bound,
    admin: createAdmin(ctx),
    async handle(request) {
      try {
        return toResponse(await route(request));
      } catch (error) {
        return internalError(error);
      }
    },
    async guard(request) {
      try {
        const identity = await identify(request);
        if (identity === null) return toResponse(errorAnswer(401, 'unauthenticated', 'Sign in first.'));
        const { decision } = await standingOf(ctx, identity, ctx.now());
        if (decision.decision === 'open' || decision.decision === 'exempt') return null;
        const state = stateOf(decision);
        return toResponse(errorAnswer(403, 'totp-required', 'A TOTP code is required for this session.', { state }));
      } catch (error) {
        return internalError(error);
      }
    },
    async rotateSession(oldSessionId, newSessionId) {
      const record = await ctx.store.getSession(oldSessionId);
      if (record === null || oldSessionId === newSessionId) return;
      await ctx.store.putSession({ ...record, sessionId: newSessionId });
      await ctx.store.deleteSession(oldSessionId);
    },
  };
}
