/**
 * `createTotpAdmin`: the admin routes as a separate mount, for the host to serve at a path of its
 * choice (e.g. `/api/totp-admin`) behind its own administrator check. `authorize(request)` is
 * required: without it the mount refuses to start. Answers follow the contract's rules: JSON,
 * the one error table, `Cache-Control: no-store`, no stack traces.
 */
import type { ServerResponse } from 'node:http';
import { errorAnswer, type Answer } from '../errors.js';
import { pathOf, readRequestBody, toResponse } from '../http.js';
import { nodeExchange, write, type NodeHandler, type RoutedRequest } from '../node.js';
import { refuseCrossSite } from '../origin.js';
import { DISPATCHERS, isUnder, parseBasePath, type Exchange, type NodeContext } from '../routes.js';
import type { TotpService } from '../service.js';
import { isStoreUnavailable } from '../stores/types.js';
import { isAdminError } from './input.js';
import type { FactsLookup } from './list.js';
import type { Administrators } from './dry-run.js';
import { dispatchAdmin, locateAdmin, type AdminDispatch, type AuditSource, type UsersSource } from './routes.js';

/** Who `authorize` says is asking: an administrator's id, or null (and false) for anyone else. */
export type AdminAuthorization = { adminId: string } | null | false;

/** Options for {@link createTotpAdmin}. */
export interface TotpAdminOptions {
  /** The service whose users the mount administers. */
  service: TotpService;
  /**
   * Says whether the request is an administrator's, from the host's own session and role check:
   * `{ adminId }` to go on (the id goes into every audit event), null or false for a 403.
   * Required. Under `node` the Node `{ req, res }` come as the second argument.
   */
  authorize: (request: Request, node?: NodeContext) => AdminAuthorization | Promise<AdminAuthorization>;
  /** The host's facts per user (roles, `requiredSince`, a label), for the list, filters and exports. */
  facts?: FactsLookup;
  /**
   * Every user of the host (ids, or ids with roles and `requiredSince`), for dry runs: without it
   * a dry run covers the users TOTP Gate has a record of, with `facts`.
   */
  users?: UsersSource;
  /** Who counts as an administrator for the self-lockout guard (default: the role `admin`). */
  administrators?: Administrators;
  /** The audit events the host kept (from `onAudit`), for `GET /export/audit`. */
  auditEvents?: AuditSource;
  /** The full path the mount is served at, e.g. `/api/totp-admin`. Without it, paths are taken as relative. */
  basePath?: string;
  /** Told about unexpected errors; the client gets a bare 500 (or a 503 for a busy store). */
  onError?: (error: unknown) => void;
}

/** What {@link createTotpAdmin} returns. */
export interface TotpAdminMount {
  /** Serves the admin routes as a fetch handler. Never throws. */
  handle(request: Request): Promise<Response>;
  /** The same routes for node:http, Express and Connect (`app.use('/api/totp-admin', mount.node)`). */
  readonly node: NodeHandler;
}

/**
 * Creates the admin mount over a service.
 *
 * @example
 * const admin = createTotpAdmin({
 *   service,
 *   basePath: '/api/totp-admin',
 *   authorize: (request) => {
 *     const user = sessions.fromCookie(request.headers.get('cookie'))
 *     return user?.roles.includes('admin') ? { adminId: user.id } : null
 *   },
 * })
 * // fetch-style server: if (url.pathname.startsWith('/api/totp-admin/')) return admin.handle(request)
 */
export function createTotpAdmin(options: TotpAdminOptions): TotpAdminMount {
  if (typeof options?.authorize !== 'function') {
    throw new TypeError(
      'createTotpAdmin needs authorize(request): the admin routes never run without the host saying who is an administrator.',
    );
  }
  if (typeof options.service?.admin !== 'object')
    throw new TypeError('createTotpAdmin needs a service from createTotpService().');
  if (options.facts !== undefined && typeof options.facts !== 'function')
    throw new TypeError('facts must be a function.');
  const mount = parseBasePath(options.basePath);
  const { authorize, onError } = options;
  // The service's own rule for cross-site requests (S44): its `allowedOrigins` hold here too.
  const allowedOrigins = DISPATCHERS.get(options.service)?.allowedOrigins ?? (() => false);

  const dispatch: AdminDispatch = {
    admin: options.service.admin,
    facts: options.facts,
    users: options.users,
    administrators: options.administrators,
    auditEvents: options.auditEvents,
    async authorize(exchange) {
      const said = await authorize(exchange.request, exchange.node);
      if (said === null || said === false || said === undefined) return null;
      const adminId = (said as { adminId?: unknown }).adminId;
      if (typeof adminId !== 'string' || adminId.length === 0 || adminId.length > 256) {
        throw new TypeError(
          'authorize() must return { adminId } with a non-empty id of at most 256 characters, or null.',
        );
      }
      return adminId;
    },
  };

  function failed(error: unknown): Answer {
    if (isAdminError(error)) return errorAnswer(error.kind, error.message);
    onError?.(error);
    if (isStoreUnavailable(error)) {
      return errorAnswer('unavailable', 'The server is busy; try again in a moment.', { retryAfter: error.retryAfter });
    }
    return errorAnswer('internal', 'The server could not complete the request.');
  }

  /** The path relative to the mount, or null when it is not the mount's. */
  function relativeOf(full: string, routed: string | undefined): string | null {
    if (mount !== undefined) return isUnder(full, mount) ? full.slice(mount.length) || '/' : null;
    return routed ?? full;
  }

  async function serve(relative: string, search: string, exchange: Exchange): Promise<Answer> {
    try {
      const located = locateAdmin(relative);
      if (located === 'missing') return errorAnswer('not-found', 'There is no such admin endpoint.');
      if (located === 'bad-escape')
        return errorAnswer('bad-request', 'The user id in the path is not a valid URL escape.');
      const crossSite = refuseCrossSite(exchange, allowedOrigins);
      if (crossSite !== null) return crossSite;
      return await dispatchAdmin(dispatch, located, new URLSearchParams(search), exchange);
    } catch (error) {
      return failed(error);
    }
  }

  const searchOf = (url: string) => {
    const query = url.indexOf('?');
    return query < 0 ? '' : url.slice(query + 1).split('#')[0]!;
  };

  return {
    async handle(request) {
      const relative = relativeOf(pathOf(request.url), undefined);
      if (relative === null) return toResponse(errorAnswer('not-found', 'There is no such admin endpoint.'));
      return toResponse(
        await serve(relative, searchOf(request.url), {
          method: request.method,
          request,
          header: (name) => request.headers.get(name),
          readBody: () => readRequestBody(request),
        }),
      );
    },
    node: async (req: RoutedRequest, res: ServerResponse, next?: (error?: unknown) => void) => {
      try {
        const url = req.url ?? '/';
        const original = typeof req.originalUrl === 'string' ? req.originalUrl : url;
        const relative = relativeOf(pathOf(original), original === url ? undefined : pathOf(url));
        if (relative === null) {
          if (next) next();
          else write(res, errorAnswer('not-found', 'There is no such admin endpoint.'));
          return;
        }
        const answer = await serve(relative, searchOf(original), nodeExchange(req, res, original));
        write(res, answer);
      } catch (error) {
        if (res.headersSent) res.destroy();
        else write(res, failed(error));
      }
    },
  };
}
