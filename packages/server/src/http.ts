/**
 * The HTTP edge of the service: routes, request bodies and JSON answers. Every answer carries
 * `Cache-Control: no-store` (enrollment answers hold the secret; S34), errors included.
 */

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 4096;

/** The routes of the REST contract v1 plus the `/recovery-codes` extension, longest first. */
export const ROUTES = {
  '/enrollment/confirm': 'POST',
  '/recovery-codes': 'POST',
  '/enrollment': 'POST',
  '/recovery': 'POST',
  '/status': 'GET',
  '/verify': 'POST',
  '/defer': 'POST',
} as const;

/** One of the route paths. */
export type Route = keyof typeof ROUTES;

const ROUTE_LIST = Object.keys(ROUTES) as Route[];

/** Anything `new Headers()` accepts (a record, pairs, or a `Headers`). */
export type HeadersLike = NonNullable<ConstructorParameters<typeof Headers>[0]>;

/** An answer before it becomes a `Response`. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Headers from the host's `onVerified` hook (e.g. `Set-Cookie` for a rotated session). */
  hostHeaders?: HeadersLike;
}

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** Turns an answer into a `Response`. */
export function toResponse(answer: Answer): Response {
  const headers = answer.headers ? { ...BASE_HEADERS, ...answer.headers } : BASE_HEADERS;
  const response = new Response(JSON.stringify(answer.body), { status: answer.status, headers });
  if (answer.hostHeaders) {
    new Headers(answer.hostHeaders).forEach((value, name) => {
      // The service's own caching and type headers are not the host's to change.
      if (!(name in BASE_HEADERS)) response.headers.append(name, value);
    });
  }
  return response;
}

/** Extra facts for an error answer. */
export interface ErrorExtras {
  attemptsLeft?: number;
  retryAfter?: number;
  skewSeconds?: number;
  state?: string;
}

/** An error answer `{error: {code, message, ...}}`. */
export function errorAnswer(status: number, code: string, message: string, extras?: ErrorExtras): Answer {
  const error: { code: string; message: string } & ErrorExtras = { code, message };
  const answer: Answer = { status, body: { error } };
  if (extras === undefined) return answer;
  // Field by field rather than a spread (cheaper on the wrong-code path), in the order of the
  // error body's schema; absent extras stay absent.
  if (extras.attemptsLeft !== undefined) error.attemptsLeft = extras.attemptsLeft;
  if (extras.retryAfter !== undefined) {
    error.retryAfter = extras.retryAfter;
    answer.headers = { 'retry-after': String(extras.retryAfter) };
  }
  if (extras.skewSeconds !== undefined) error.skewSeconds = extras.skewSeconds;
  if (extras.state !== undefined) error.state = extras.state;
  return answer;
}

/**
 * Finds the route a path asks for. With a `basePath` the path must be exactly base + route;
 * without one the route is the path's ending (`/anything/api/totp/verify` → `/verify`), so the
 * service answers wherever the host mounted it. Null when no route matches.
 */
export function matchRoute(pathname: string, basePath: string | undefined): Route | null {
  if (basePath !== undefined) {
    if (!pathname.startsWith(basePath)) return null;
    const rest = pathname.slice(basePath.length);
    return rest in ROUTES ? (rest as Route) : null;
  }
  for (const route of ROUTE_LIST) if (pathname.endsWith(route)) return route;
  return null;
}

/**
 * The path of an absolute request URL, without building a `URL` (the hot path pays for every
 * allocation). Query and fragment are dropped; percent-escapes are kept as sent, so an escaped
 * route name simply does not match.
 */
export function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
  if (start < 0) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  return url.slice(start, end);
}

/** Whether a path lies under the base path (always true without one). */
export function isUnderBase(pathname: string, basePath: string | undefined): boolean {
  return basePath === undefined || pathname === basePath || pathname.startsWith(`${basePath}/`);
}

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === 'application/json';
}

/** A request body as a JSON object, or the error answer to give instead. */
export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; answer: Answer };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a POST body: `application/json` (else 415), at most {@link MAX_BODY_BYTES} (else 413),
 * valid UTF-8 JSON (else 400), an object (else 400). An empty body counts as `{}`.
 */
export async function readJsonBody(request: Request): Promise<BodyResult> {
  if (!isJson(request.headers.get('content-type'))) {
    return {
      ok: false,
      answer: errorAnswer(415, 'unsupported-media-type', 'Send the request body as application/json.'),
    };
  }
  // A function, not a value: the answer is built only for a body that is too large.
  const tooLarge = (): BodyResult => ({
    ok: false,
    answer: errorAnswer(413, 'bad-request', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
  });
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) return tooLarge();
  let bytes: Uint8Array;
  if (request.body === null) {
    bytes = new Uint8Array(0);
  } else {
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
    bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
  if (bytes.byteLength === 0) return { ok: true, body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return { ok: false, answer: errorAnswer(400, 'bad-request', 'The request body is not valid JSON.') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, answer: errorAnswer(400, 'bad-request', 'The request body must be a JSON object.') };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
