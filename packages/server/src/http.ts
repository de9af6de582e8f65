/**
 * The wire format both HTTP paths share: the headers of an answer (every answer carries
 * `Cache-Control: no-store`, enrollment answers hold the secret; S34), the request body cap and
 * JSON parsing, and the fetch path's `Request` reading and `Response` writing.
 */
import { errorAnswer, type Answer } from './errors.js';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 4096;

/** Header fields as `writeHead` takes them: `set-cookie` may be several values. */
export type HeaderFields = Record<string, string | string[]>;

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** The header fields of an answer: the base headers, the service's own, then the host's. */
export function headerFields(answer: Answer): HeaderFields {
  if (answer.headers === undefined && answer.hostHeaders === undefined && answer.cookies === undefined) {
    return BASE_HEADERS;
  }
  const fields: HeaderFields = { ...BASE_HEADERS, ...answer.headers };
  if (answer.cookies !== undefined && answer.cookies.length > 0) fields['set-cookie'] = answer.cookies;
  if (answer.hostHeaders !== undefined) {
    const host = new Headers(answer.hostHeaders);
    host.forEach((value, name) => {
      // The service's own caching, type and length headers are not the host's to change.
      if (name in BASE_HEADERS || name === 'set-cookie' || name === 'content-length') return;
      const before = fields[name];
      fields[name] = before === undefined ? value : `${String(before)}, ${value}`;
    });
    const cookies = host.getSetCookie();
    if (cookies.length > 0) fields['set-cookie'] = [...(answer.cookies ?? []), ...cookies];
  }
  return fields;
}

/** Turns an answer into a `Response` (the fetch path). */
export function toResponse(answer: Answer): Response {
  const fields = headerFields(answer);
  const headers = new Headers();
  for (const name in fields) {
    const value = fields[name]!;
    if (typeof value === 'string') headers.set(name, value);
    else for (const item of value) headers.append(name, item);
  }
  return new Response(answer.text ?? JSON.stringify(answer.body), { status: answer.status, headers });
}

/**
 * A request body as a transport read it: raw bytes, a value a body parser already parsed
 * (`express.json()` ran first), or too large.
 */
export type BodyBytes = { bytes: Uint8Array } | { parsed: unknown } | 'too-large';

/** A request body as a JSON object, or the error answer to give instead. */
export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; answer: Answer };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The 413 answer for a body over {@link MAX_BODY_BYTES}. */
export function tooLarge(): Answer {
  return errorAnswer('body-too-large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
}

/** Parses a body once: valid UTF-8 JSON (else 400), an object (else 400). An empty body counts as `{}`. */
export function parseJsonBody(read: BodyBytes): BodyResult {
  if (read === 'too-large') return { ok: false, answer: tooLarge() };
  let parsed: unknown;
  if ('parsed' in read) {
    parsed = read.parsed;
  } else {
    if (read.bytes.byteLength === 0) return { ok: true, body: {} };
    try {
      parsed = JSON.parse(decoder.decode(read.bytes));
    } catch {
      return { ok: false, answer: errorAnswer('bad-request', 'The request body is not valid JSON.') };
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, answer: errorAnswer('bad-request', 'The request body must be a JSON object.') };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}

/** Reads a `Request` body, at most {@link MAX_BODY_BYTES} (declared or streamed). */
export async function readRequestBody(request: Request): Promise<BodyBytes> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) return 'too-large';
  if (request.body === null) return { bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
}

/**
 * The path of a request URL (absolute, or origin-form as Node gives it), without building a
 * `URL`. Query and fragment are dropped; percent-escapes are kept as sent, so an escaped route
 * name simply does not match.
 */
export function pathOf(url: string): string {
  let start = 0;
  if (url.charCodeAt(0) !== 0x2f) {
    const scheme = url.indexOf('://');
    start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
    if (start < 0) return '/';
  }
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  return url.slice(start, end);
}
