/**
 * Small HTTP helpers for the demo API: JSON answers, cookies, and the bridge from Node's
 * `IncomingMessage` / `ServerResponse` (what Vite's Connect middleware gives) to web `Request` /
 * `Response`, so the demo's routes and the TOTP service speak the same fetch-style language.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the demo reads. Logins and codes are tiny. */
const MAX_BODY_BYTES = 4096;

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

/** Reads and parses a small JSON body; null when it is missing, too large or not JSON. */
export async function readJson(request: Request): Promise<Record<string, unknown> | null> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Turns a Node request into a web `Request` (the body is read up to a limit). */
export async function toWebRequest(req: IncomingMessage): Promise<Request> {
  const host = req.headers.host ?? 'localhost';
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${scheme}://${host}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? 'GET';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      // Keep one byte past the limit so the handler can tell "too large" from "exactly the limit".
      if (size <= MAX_BODY_BYTES + 1) chunks.push(chunk as Buffer);
    }
    body = new Uint8Array(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1));
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
