/**
 * The route table of the REST contract and the one dispatcher both HTTP paths use: `handle(Request)`
 * for fetch runtimes and `toNodeHandler` for node:http, Express and Connect. Each path only says
 * how to read its request (an {@link Exchange}) and how to write an {@link Answer}; which route,
 * which method, which body rule and which error comes from here, so the two cannot drift.
 *
 * A new route is one line in {@link ROUTES} (plus its action in `TotpActions`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from './context.js';
import { errorAnswer, type Answer } from './errors.js';
import { parseJsonBody, type BodyBytes } from './http.js';
import { refuseCrossSite, type OriginRule } from './origin.js';
import type { TotpActions } from './service.js';

/** What a route's handler receives. */
export interface RouteCall {
  /** Whoever `identify` says is signed in; never from the body (S29). */
  identity: Identity;
  /** The JSON object body for `body: 'json'` routes; `{}` for the others. */
  body: Record<string, unknown>;
  /** The request as `identify` saw it, handed on to `onVerified`. */
  request: Request;
}

/** One route of the contract. */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the mount, e.g. `/verify`. */
  readonly path: `/${string}`;
  /**
   * `json`: the body must be `application/json` (else 415), at most `MAX_BODY_BYTES` (else 413),
   * a JSON object (else 400); empty counts as `{}`. `none`: the body is not read.
   */
  readonly body: 'json' | 'none';
  readonly run: (actions: TotpActions, call: RouteCall) => Promise<Answer>;
}

/** The REST contract v1 plus the `/recovery-codes` extension. */
export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/status', body: 'none', run: (a, c) => a.status(c.identity, c.request) },
  { method: 'POST', path: '/enrollment', body: 'json', run: (a, c) => a.startEnrollment(c.identity) },
  {
    method: 'POST',
    path: '/enrollment/confirm',
    body: 'json',
    run: (a, c) => a.confirmEnrollment(c.identity, c.body, c.request),
  },
  { method: 'POST', path: '/verify', body: 'json', run: (a, c) => a.verify(c.identity, c.body, c.request) },
  {
    method: 'POST',
    path: '/recovery',
    body: 'json',
    run: (a, c) => a.redeemRecoveryCode(c.identity, c.body, c.request),
  },
  {
    method: 'POST',
    path: '/recovery-codes',
    body: 'json',
    run: (a, c) => a.regenerateRecoveryCodes(c.identity, c.body, c.request),
  },
  { method: 'POST', path: '/defer', body: 'json', run: (a, c) => a.defer(c.identity) },
  // Account management (v1 additions; a verified session only).
  { method: 'GET', path: '/factors', body: 'none', run: (a, c) => a.listFactors(c.identity) },
  { method: 'POST', path: '/factors', body: 'json', run: (a, c) => a.addFactor(c.identity, c.body) },
  {
    method: 'POST',
    path: '/factors/confirm',
    body: 'json',
    run: (a, c) => a.confirmFactor(c.identity, c.body, c.request),
  },
  { method: 'POST', path: '/factors/rename', body: 'json', run: (a, c) => a.renameFactor(c.identity, c.body) },
  { method: 'POST', path: '/factors/remove', body: 'json', run: (a, c) => a.removeFactor(c.identity, c.body) },
  {
    method: 'POST',
    path: '/sign-out-others',
    body: 'json',
    run: (a, c) => a.signOutOthers(c.identity, c.request),
  },
  // Remembered devices (v1 additions, S58).
  { method: 'GET', path: '/devices', body: 'none', run: (a, c) => a.listDevices(c.identity, c.request) },
  {
    method: 'POST',
    path: '/devices/revoke',
    body: 'json',
    run: (a, c) => a.revokeDevice(c.identity, c.body, c.request),
  },
];

/** The routes of one path, by method. */
type PathRoutes = ReadonlyMap<string, RouteSpec>;

const BY_PATH = new Map<string, Map<string, RouteSpec>>();
for (const route of ROUTES) {
  const methods = BY_PATH.get(route.path) ?? new Map<string, RouteSpec>();
  if (methods.has(route.method)) throw new Error(`Two routes for ${route.method} ${route.path}.`);
  BY_PATH.set(route.path, methods.set(route.method, route));
}
/** Longest first, so a path ending in `/enrollment/confirm` is not taken for a shorter route. */
const BY_LENGTH = [...BY_PATH.keys()].sort((a, b) => b.length - a.length);

/** Where the service is mounted, resolved once from `basePath`. */
export type Mount = string | undefined;

/** Checks and normalises a `basePath` (`/api/totp/` → `/api/totp`). */
export function parseBasePath(basePath: string | undefined): Mount {
  if (basePath === undefined) return undefined;
  if (typeof basePath !== 'string' || !basePath.startsWith('/') || /[?#]/.test(basePath)) {
    throw new TypeError(`basePath must be a path such as "/api/totp", got ${JSON.stringify(basePath)}.`);
  }
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed === '' ? undefined : trimmed;
}

/** Whether a full path lies at or under the base path. */
export function isUnder(path: string, base: string): boolean {
  return path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === 0x2f);
}

/**
 * The routes a request path asks for, or null.
 *
 * - `exact`: the path relative to the mount (`/verify`), as Express and Connect hand it on;
 * - `suffix`: a full path with no `basePath` to cut, so any path ending in a route matches
 *   (`/anything/api/totp/verify` → `/verify`).
 */
export function findRoutes(path: string, how: 'exact' | 'suffix'): PathRoutes | null {
  if (how === 'exact') return BY_PATH.get(path) ?? null;
  for (const route of BY_LENGTH) if (path.endsWith(route)) return BY_PATH.get(route)!;
  return null;
}

/** The Node objects of a request served by `toNodeHandler`, for an `identify` that wants them. */
export interface NodeContext {
  req: IncomingMessage;
  res: ServerResponse;
}

/** One request as a transport reads it. */
export interface Exchange {
  readonly method: string;
  /** What `identify` and `onVerified` receive. */
  readonly request: Request;
  /** Present on the Node path. */
  readonly node?: NodeContext;
  /** The value of a request header (lower-case name), or null. */
  header(name: string): string | null;
  /** Reads the body, at most `MAX_BODY_BYTES`. */
  readBody(): Promise<BodyBytes>;
}

/** What the dispatcher needs from the service. */
export interface Dispatch {
  actions: TotpActions;
  identify(request: Request, node: NodeContext | undefined): Promise<Identity | null>;
  /** The service's `basePath`, normalised. */
  mount: Mount;
  /** Origins besides the request's own that may send state-changing requests (S44). */
  allowedOrigins: OriginRule;
  /** Reports an unexpected fault to `onError` and gives the bare 500. */
  internalError(error: unknown): Answer;
}

/** Each service's dispatcher, for `toNodeHandler` (not part of the public API). */
export const DISPATCHERS = new WeakMap<object, Dispatch>();

/**
 * Where a request lands: the routes of its path; `missing` when the path is under the mount but
 * no route; `outside` when it is not the service's at all.
 *
 * @param fullPath the path as the client sent it (with the mount path)
 * @param relative the path after a mount that a router (Express, Connect) already cut off
 */
export function locate(fullPath: string, mount: Mount, relative?: string): PathRoutes | 'missing' | 'outside' {
  if (mount !== undefined) {
    if (!isUnder(fullPath, mount)) return 'outside';
    return findRoutes(fullPath.slice(mount.length), 'exact') ?? 'missing';
  }
  if (relative !== undefined) return findRoutes(relative, 'exact') ?? 'missing';
  return findRoutes(fullPath, 'suffix') ?? 'outside';
}

/** Routes one request that matched a path: method, identity, body rule, action. */
export async function dispatch(service: Dispatch, routes: PathRoutes, exchange: Exchange): Promise<Answer> {
  const route = routes.get(exchange.method);
  if (route === undefined) {
    const allow = [...routes.keys()].join(', ');
    const path = routes.values().next().value!.path;
    const answer = errorAnswer('method-not-allowed', `Use ${allow} for ${path}.`);
    return { ...answer, headers: { allow } };
  }
  // Before identify: a forged cross-site request reaches neither the host's session nor a store.
  const crossSite = refuseCrossSite(exchange, service.allowedOrigins);
  if (crossSite !== null) return crossSite;
  const identity = await service.identify(exchange.request, exchange.node);
  if (identity === null) return errorAnswer('unauthenticated', 'Sign in first.');
  const body = await routeBody(route.body, exchange);
  if ('answer' in body) return body.answer;
  return route.run(service.actions, { identity, body: body.body, request: exchange.request });
}

/**
 * A route's body under its rule: `json` must be `application/json` (else 415), capped (413) and a
 * JSON object (400); `none` is `{}` without reading. Shared with the admin mount's dispatcher.
 */
export async function routeBody(
  rule: 'json' | 'none',
  exchange: Exchange,
): Promise<{ body: Record<string, unknown> } | { answer: Answer }> {
  if (rule === 'none') return { body: {} };
  if (!isJson(exchange.header('content-type'))) {
    return { answer: errorAnswer('unsupported-media-type', 'Send the request body as application/json.') };
  }
  const parsed = parseJsonBody(await exchange.readBody());
  return parsed.ok ? { body: parsed.body } : { answer: parsed.answer };
}

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === 'application/json';
}

/** The 404 both paths give for a path under the mount that is no route. */
export function notFound(): Answer {
  return errorAnswer('not-found', 'There is no such TOTP endpoint.');
}
