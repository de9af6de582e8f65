/** Two small bridges between node:http and the web `Request` / `Response` that `guard()` speaks. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A `Request` with the method, path and headers of a Node request (no body: guard needs none). */
export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { method: req.method ?? 'GET', headers });
}

/** Writes a web `Response` (such as guard's 401/403) to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}
