/**
 * Cross-site requests are refused (S44): defence in depth over "POST must be JSON" and the host's
 * SameSite cookie. A state-changing request (any method but GET, HEAD, OPTIONS) is refused with
 * `403 cross-origin` when the browser says it comes from another site (`Sec-Fetch-Site:
 * cross-site`) or sends an `Origin` that is not allowed. A request without either header (curl, a
 * server-to-server call, an old browser) passes: it carries no cookie a browser added for another
 * site's page, which is what cross-site request forgery needs.
 *
 * Allowed by default: the request's own origin. Under `handle(Request)` that is the origin of
 * `request.url`; under `toNodeHandler`, where the URL does not say, the `Host` header with the
 * scheme of the socket. Both are set by the browser, which an attacking page cannot change. Behind
 * a proxy that terminates TLS the request looks like plain http while the page is https: an https
 * page of the same host is allowed for that reason, an http page posting to an https service
 * never. Hosts whose pages live on other origins list them in `allowedOrigins`.
 */
import type { Answer } from './errors.js';
import { errorAnswer } from './errors.js';
import type { Exchange } from './routes.js';

/**
 * Origins besides the request's own whose pages may call the service: exact origins such as
 * `https://app.example.com` (scheme, host and port; no path), or a function that decides (it gets
 * the `Origin` header, e.g. for a tenant per subdomain). A listed origin passes even when the
 * browser says it is another site.
 */
export type AllowedOrigins = readonly string[] | ((origin: string, request: Request) => boolean);

/** The allowed-origin rule, resolved once from the option. */
export type OriginRule = (origin: string, request: Request) => boolean;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Checks `allowedOrigins` when the service is created; a mistake there is a TypeError at start-up. */
export function parseAllowedOrigins(option: AllowedOrigins | undefined): OriginRule {
  if (option === undefined) return () => false;
  if (typeof option === 'function') return (origin, request) => option(origin, request) === true;
  if (!Array.isArray(option)) {
    throw new TypeError('allowedOrigins must be a list of origins such as "https://app.example.com", or a function.');
  }
  const allowed = new Set<string>();
  for (const entry of option as readonly unknown[]) {
    if (typeof entry !== 'string' || originOf(entry) !== entry) {
      throw new TypeError(
        `allowedOrigins: ${JSON.stringify(entry)} is not an origin; write scheme, host and port only, ` +
          'lower-case and without a trailing slash, e.g. "https://app.example.com".',
      );
    }
    allowed.add(entry);
  }
  return (origin) => allowed.has(origin);
}

/** `scheme://host[:port]` of an http(s) URL, or null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The request's own scheme and host, as far as the transport knows them. */
function ownOrigin(exchange: Exchange): { scheme: string; host: string | null } {
  if (exchange.node !== undefined) {
    const socket = exchange.node.req.socket as { encrypted?: boolean } | undefined;
    return { scheme: socket?.encrypted === true ? 'https:' : 'http:', host: exchange.header('host') };
  }
  try {
    const url = new URL(exchange.request.url);
    return { scheme: url.protocol, host: url.host };
  } catch {
    return { scheme: 'https:', host: null };
  }
}

function isOwn(origin: string, exchange: Exchange): boolean {
  const parsed = originOf(origin);
  if (parsed === null || parsed !== origin.toLowerCase()) return false;
  const own = ownOrigin(exchange);
  if (own.host === null) return false;
  const url = new URL(parsed);
  // An https page may call a service that sees plain http (a TLS proxy in front); not the reverse.
  return url.host === own.host.toLowerCase() && (url.protocol === 'https:' || own.scheme === 'http:');
}

/** The 403 for a cross-site state-changing request, or null when it may go on (S44). */
export function refuseCrossSite(exchange: Exchange, allowed: OriginRule): Answer | null {
  if (SAFE_METHODS.has(exchange.method.toUpperCase())) return null;
  const origin = exchange.header('origin');
  const site = exchange.header('sec-fetch-site');
  if (origin !== null && allowed(origin, exchange.request)) return null;
  const foreignOrigin = origin !== null && !isOwn(origin, exchange);
  if (site?.trim().toLowerCase() === 'cross-site' || foreignOrigin) {
    return errorAnswer('cross-origin', 'Requests from another site are refused. Call this service from its own pages.');
  }
  return null;
}
