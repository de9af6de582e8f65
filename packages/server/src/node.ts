/**
 * `toNodeHandler`: mounts the fetch-style service in node:http, Express or Connect (the demo's
 * Vite dev server). It turns an `IncomingMessage` into a web `Request` (body capped at 4 kB) and
 * writes the `Response` back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer, isUnderBase, matchRoute, MAX_BODY_BYTES, toResponse } from './http.js';
import type { TotpService } from './service.js';

/** Options for {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Where the contract lives in `req.url`, e.g. `/api/totp` for `http.createServer`. Leave it out
   * under Express / Connect `app.use('/api/totp', handler)`, which strip the mount path themselves.
   * Only used to decide which requests to pass to `next()`; give the service the same `basePath`.
   */
  basePath?: string;
}

/** A node:http request listener that also works as Express / Connect middleware. */
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

type BodyRead = { ok: true; body: Buffer | undefined } | { ok: false };

function readBody(req: IncomingMessage): Promise<BodyRead> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (req.readableEnded && parsed !== undefined) {
    // A body parser (express.json()) ran first and consumed the stream: use what it read.
    const text = typeof parsed === 'string' || Buffer.isBuffer(parsed) ? parsed : JSON.stringify(parsed);
    const buffer = Buffer.from(text);
    return Promise.resolve(buffer.length > MAX_BODY_BYTES ? { ok: false } : { ok: true, body: buffer });
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve({ ok: false });
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
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve({ ok: true, body: chunks.length === 0 ? undefined : Buffer.concat(chunks) });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

async function send(res: ServerResponse, response: Response, close = false): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (close) res.setHeader('connection', 'close');
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Adapts a service to node:http. With `next` (Express / Connect), requests for paths that are no
 * TOTP route go on to `next()`; without it they get the service's 404.
 *
 * @example
 * // node:http
 * const handler = toNodeHandler(service, { basePath: '/api/totp' })
 * http.createServer((req, res) => req.url?.startsWith('/api/totp/') ? handler(req, res) : app(req, res))
 * // Express or Connect (mount strips the prefix)
 * app.use('/api/totp', toNodeHandler(service))
 */
export function toNodeHandler(service: Pick<TotpService, 'handle'>, options: NodeHandlerOptions = {}): NodeHandler {
  const basePath = options.basePath?.replace(/\/+$/, '');
  return async (req, res, next) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const known = isUnderBase(url.pathname, basePath) && matchRoute(url.pathname, basePath) !== null;
      if (!known && next) {
        next();
        return;
      }
      const method = req.method ?? 'GET';
      let body: Buffer | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        const read = await readBody(req);
        if (!read.ok) {
          const tooLarge = errorAnswer(413, 'bad-request', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
          await send(res, toResponse(tooLarge), true);
          return;
        }
        body = read.body;
      }
      // The host name is not trusted or needed: the service routes on the path alone.
      const request = new Request(url, { method, headers: headersOf(req), ...(body && { body }) });
      await send(res, await service.handle(request));
    } catch (error) {
      if (next) next(error);
      else if (!res.headersSent) await send(res, toResponse(errorAnswer(500, 'internal', 'The server failed.')));
      else res.destroy();
    }
  };
}
