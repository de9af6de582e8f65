/**
 * `toNodeHandler`: serves the contract in node:http, Express and Connect directly, without web
 * `Request`/`Response` objects: it reads the capped body itself, parses it once, runs the route
 * through the same dispatcher as `handle(Request)` and writes status, headers and body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer, type Answer } from './errors.js';
import { headerFields, MAX_BODY_BYTES, pathOf, type BodyBytes } from './http.js';
import { nodeHeader, requestView } from './node-request.js';
import { dispatch, DISPATCHERS, isUnder, locate, notFound, type Dispatch, type Exchange } from './routes.js';
import type { TotpService } from './service.js';

/** Options for {@link toNodeHandler}; none yet. The mount is the service's `basePath`. */
export type NodeHandlerOptions = Record<string, never>;

/** A node:http request listener that also works as Express / Connect middleware. */
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** What Express and Connect add to a request they route. */
export type RoutedRequest = IncomingMessage & { originalUrl?: string; baseUrl?: string; body?: unknown };

/** A Node request as the dispatchers read it; `original` is its URL before any router stripped a prefix. */
export function nodeExchange(req: RoutedRequest, res: ServerResponse, original: string): Exchange {
  return {
    method: req.method ?? 'GET',
    request: requestView(req, original),
    node: { req, res },
    header: (name) => nodeHeader(req, name),
    readBody: () => readBody(req),
  };
}

export function readBody(req: RoutedRequest): Promise<BodyBytes> {
  const parsed = req.body;
  if (req.readableEnded && parsed !== undefined) {
    // A body parser (express.json()) ran first and consumed the stream: use what it read.
    if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
      const bytes = Buffer.from(parsed);
      return Promise.resolve(bytes.length > MAX_BODY_BYTES ? 'too-large' : { bytes });
    }
    const size = Buffer.byteLength(JSON.stringify(parsed) ?? '');
    return Promise.resolve(size > MAX_BODY_BYTES ? 'too-large' : { parsed });
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        // Drop the rest without holding it; the answer closes the connection.
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

export function write(res: ServerResponse, answer: Answer): void {
  const text = answer.text ?? JSON.stringify(answer.body);
  // A 413 leaves the rest of the body unread: close rather than read it for the next request.
  if (answer.status === 413) res.setHeader('connection', 'close');
  // The length up front, as a fetch Response has it: no chunked framing, and node:http sends the
  // head and the body in one write.
  res.setHeader('content-length', Buffer.byteLength(text));
  res.writeHead(answer.status, headerFields(answer));
  res.end(text);
}

/** The message for a router mount that can never reach `basePath`, or null when it can. */
function misconfigured(req: RoutedRequest, full: string, relative: string, basePath: string): string | null {
  const mount =
    typeof req.baseUrl === 'string'
      ? req.baseUrl
      : full.endsWith(relative)
        ? full.slice(0, full.length - relative.length)
        : '';
  if (mount === '' || isUnder(basePath, mount)) return null;
  return (
    `TOTP Gate is mounted at "${mount}" but its basePath is "${basePath}": no request through this mount ` +
    'can reach it. Give createTotpService the path the browser calls (or leave basePath out).'
  );
}

/**
 * Adapts a service to node:http, Express and Connect. Routes match the service's `basePath`
 * against the full path (`req.originalUrl` under Express and Connect, which cut the mount from
 * `req.url`), so one `basePath` works in every mount. With `next`, requests that are not the
 * service's go on to `next()`; a path under the mount that is no route gets the JSON 404.
 *
 * @example
 * const service = createTotpService({ ..., basePath: '/api/totp' })
 * const totp = toNodeHandler(service)
 * // node:http
 * http.createServer((req, res) => req.url?.startsWith('/api/totp/') ? totp(req, res) : app(req, res))
 * // Express or Connect
 * app.use('/api/totp', totp)
 */
export function toNodeHandler(service: TotpService, options: NodeHandlerOptions = {}): NodeHandler {
  if (options !== null && typeof options === 'object' && 'basePath' in options) {
    throw new TypeError(
      'toNodeHandler takes no basePath: give it to createTotpService once; it matches the full path ' +
        'under node:http, Express and Connect alike.',
    );
  }
  const served: Dispatch | undefined = DISPATCHERS.get(service);
  if (served === undefined) throw new TypeError('toNodeHandler needs a service made by createTotpService().');
  return async (req: RoutedRequest, res, next) => {
    try {
      const url = req.url ?? '/';
      const original = typeof req.originalUrl === 'string' ? req.originalUrl : url;
      const full = pathOf(original);
      const relative = original === url ? undefined : pathOf(url);
      const routes = locate(full, served.mount, relative);
      if (routes === 'outside') {
        const problem =
          relative !== undefined && served.mount !== undefined
            ? misconfigured(req, full, relative, served.mount)
            : null;
        if (problem !== null) {
          served.internalError(new TypeError(problem));
          write(res, errorAnswer('internal', problem));
        } else if (next) next();
        else write(res, notFound());
        return;
      }
      if (routes === 'missing') {
        write(res, notFound());
        return;
      }
      const answer = await dispatch(served, routes, nodeExchange(req, res, original));
      write(res, answer);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else write(res, served.internalError(error));
    }
  };
}
