/**
 * Small HTTP helpers for the demo API: JSON answers, cookies, and the bridge from Node's
 * `IncomingMessage` / `ServerResponse` (what Vite's Connect middleware gives) to web `Request` /
 * `Response`, so the demo's routes and the TOTP service speak the same fetch-style language.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the demo reads. Logins and codes are tiny. */
export const MAX_BODY_BYTES = 4096;

/** A JSON answer that no cache keeps. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** A JSON error answer in the same shape as the TOTP contract's errors. */
export function jsonError(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

/** What the Node side knows about the client and a web `Request` does not carry. */
export interface ClientFacts {
  /** The peer's address (`socket.remoteAddress`); never a header the client can forge. */
  address?: string | undefined;
}

/** 429 for a sign-in refused by the throttle, with `Retry-After` (S76). */
export function tooManySignIns(seconds: number): Response {
  return json(
    429,
    {
      error: {
        code: 'too-many-attempts',
        message: `Too many failed sign-ins. Try again in ${seconds} seconds.`,
        retryAfter: seconds,
      },
    },
    { 'retry-after': String(seconds) },
  );
}

/** True for SQLite's "database is locked / busy" errors (better-sqlite3 codes). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * The answer to an error a route threw (S73): a JSON 503 with `Retry-After` when the database
 * is busy (as the TOTP service's S70), else a JSON 500. Never a stack trace or a path: the
 * message goes to the server console only.
 */
export function internalError(error: unknown): Response {
  if (isBusy(error)) {
    return json(
      503,
      { error: { code: 'unavailable', message: 'The server is busy; try again in a moment.', retryAfter: 1 } },
      { 'retry-after': '1' },
    );
  }
  console.error('[demo] unexpected error:', error instanceof Error ? error.message : String(error));
  return jsonError(500, 'internal', 'Something went wrong on the server.');
}

/** The value of one cookie in a request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A `Set-Cookie` value for the session: HttpOnly (scripts cannot read it), SameSite=Lax (other
 * sites cannot send it with a POST), Path=/. `Secure` is added when the demo is served over HTTPS.
 */
export function sessionCookie(name: string, token: string, secure: boolean): string {
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** A `Set-Cookie` value that removes the cookie. */
export function clearedCookie(name: string, secure: boolean): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** True when a POST carries JSON (a cross-site HTML form cannot send that without CORS). */
export function isJson(request: Request): boolean {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** A body past {@link MAX_BODY_BYTES}: 413, and the connection closes (the rest is not read). */
export function bodyTooLarge(): Response {
  const response = jsonError(413, 'bad-request', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  response.headers.set('connection', 'close');
  return response;
}

/**
 * Reads and parses a small JSON object body: the object, `'too-large'` past the limit, or null
 * when it is missing or not a JSON object.
 */
export async function readJson(request: Request): Promise<Record<string, unknown> | 'too-large' | null> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MAX_BODY_BYTES) return 'too-large';
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads a Node request's whole body, or `'too-large'` as soon as it passes the limit, declared
 * (`Content-Length`) or counted chunk by chunk (a chunked body has no length): then the rest is
 * left unread and {@link bodyTooLarge} closes the connection.
 */
function readCappedBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/** Methods the demo's routes answer; any other (TRACE, CONNECT, PROPFIND…) gets a JSON 405. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Turns a Node request into a web `Request` with its whole body, or into the JSON answer that
 * refuses it: 405 for a method a `Request` cannot carry, 413 for a body past the limit.
 */
export async function toWebRequest(req: IncomingMessage): Promise<Request | Response> {
  const host = req.headers.host ?? 'localhost';
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  let url: URL;
  try {
    url = new URL(req.originalUrl ?? req.url ?? '/', `${scheme}://${host}`);
  } catch {
    return jsonError(400, 'bad-request', 'The request target or Host header is malformed.');
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) return jsonError(405, 'method-not-allowed', 'Use GET or POST.');
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readCappedBody(req);
    if (read === 'too-large') return bodyTooLarge();
    body = new Uint8Array(read);
  }
  return new Request(url, { method, headers, body });
}

/** Writes a web `Response` to a Node response, keeping repeated `Set-Cookie` headers apart. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [key, value] of response.headers) {
    if (key.toLowerCase() !== 'set-cookie') res.setHeader(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by Connect when a middleware is mounted on a path. */
    originalUrl?: string;
  }
}
