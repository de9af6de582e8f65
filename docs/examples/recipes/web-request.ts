/** The web `Request` that `guard()` reads, from a Node request: method, path and headers. */
import type { IncomingMessage } from 'node:http';

export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { method: req.method ?? 'GET', headers });
}
