/**
 * Raw HTTP for the demo server tests: any method (TRACE, PROPFIND), a chunked body with no
 * length, a chosen source address (127.0.0.N, to play several clients), and the answer's bytes
 * as they came, without a browser or fetch() normalising anything on the way.
 */
import { request } from 'node:http';

/** What to send. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as it is; with `chunked`, in pieces of `chunkSize` bytes and no Content-Length. */
  body?: string | Buffer;
  chunked?: boolean;
  chunkSize?: number;
  /** The local address to connect from (any 127.0.0.0/8 address reaches a localhost server). */
  from?: string;
}

/** What came back. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Sends one request to `base` (`http://localhost:PORT`), connecting to 127.0.0.1. */
export function rawRequest(base: string, options: RawRequest): Promise<RawAnswer> {
  const port = Number(new URL(base).port);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `localhost:${port}`, ...options.headers },
        localAddress: options.from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body && options.chunked) {
      const size = options.chunkSize ?? 1000;
      for (let at = 0; at < body.length; at += size) req.write(body.subarray(at, at + size));
    } else if (body) {
      req.setHeader('content-length', body.length);
      req.write(body);
    }
    req.end();
  });
}

/** The `acme_session` cookie a sign-in answer set, as a `Cookie` header value. */
export function cookieOf(answer: RawAnswer): string {
  const set = answer.headers['set-cookie'];
  const first = (Array.isArray(set) ? set : [set ?? '']).find((c) => c.startsWith('acme_session='));
  if (!first) throw new Error(`no session cookie in the answer (HTTP ${answer.status})`);
  return first.split(';', 1)[0]!;
}

/** Signs in with the first factor only; the `Cookie` header of the new session. */
export async function passwordSession(base: string, username: string, from?: string): Promise<string> {
  const answer = await rawRequest(base, {
    method: 'POST',
    path: '/api/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
    from,
  });
  if (answer.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${answer.status} ${answer.text}`);
  return cookieOf(answer);
}
