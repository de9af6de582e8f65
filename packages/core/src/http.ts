/**
 * `createHttpBackend`: the REST contract v1 over `fetch`. JSON only, same-origin credentials,
 * a timeout on every call, size-capped answers, and every answer checked against the contract
 * schema: anything else becomes a `bad-response` error, never a value.
 */
import type { CallOptions, StartEnrollmentOptions, TotpBackend } from './backend.js';
import { abortedAsTimeout, systemClock, timeoutError, type Clock } from './clock.js';
import {
  TotpGateError,
  isTotpErrorCode,
  parseAnswer,
  toTotpGateError,
  type Schema,
  type TotpErrorCode,
} from './errors.js';
import { ConfirmResult, DeferResult, Enrollment, ErrorBody, RecoveryResult, Status, VerifyResult } from './schemas.js';

/** Options for {@link createHttpBackend}. */
export interface HttpBackendOptions {
  /** Where the host mounted the contract, e.g. `/api/totp`. Same origin is strongly advised (S33). */
  baseUrl: string;
  /** A `fetch` to use instead of the global one (tests, custom transports). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Extra headers for every request, e.g. a CSRF token. */
  headers?: Record<string, string>;
  /** Longest wait for one call, in ms (default 15 000). */
  timeoutMs?: number;
  /** `credentials` for fetch (default `same-origin`). */
  credentials?: 'same-origin' | 'include' | 'omit';
  /** Largest answer accepted, in bytes (default 64 KiB); a larger one is `bad-response`. */
  maxResponseBytes?: number;
  /** Where the timeouts come from and `Retry-After` dates are read against (default {@link systemClock}). */
  clock?: Clock;
}

// What an HTTP status means when the body does not name one of our codes (a proxy's error page,
// a CSRF layer, a server bug). 415 means this client sent something the server refuses: a bug on
// our side, so `bad-request`. Gateway errors are the network; any other 5xx is a broken server.
const STATUS_CODES: Record<number, TotpErrorCode> = {
  400: 'bad-request',
  401: 'unauthenticated',
  409: 'already-enrolled',
  // An endpoint the server does not have (an older server without account management).
  404: 'unsupported',
  410: 'enrollment-expired',
  415: 'bad-request',
  429: 'locked',
  502: 'network',
  503: 'network',
  504: 'network',
};

function badResponse(message: string): TotpGateError {
  return new TotpGateError('bad-response', message);
}

async function readBody(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) throw badResponse('The answer is too large.');
  const text = await response.text();
  if (text.length > limit) throw badResponse('The answer is too large.');
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse('The server did not answer with JSON.');
  }
}

/** `Retry-After` is either seconds or an HTTP date (RFC 9110); anything else is ignored. */
function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isInteger(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function errorFrom(response: Response, text: string, now: number, more?: ReadonlySet<string>): TotpGateError {
  let body: ErrorBody | undefined;
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON: an HTML error page from a proxy, say. Fall back on the status code.
  }
  const status = response.status;
  const declared = body?.error.code;
  const code: TotpErrorCode = isTotpErrorCode(declared, more) ? declared : (STATUS_CODES[status] ?? 'bad-response');
  const retryAfter = body?.error.retryAfter ?? retryAfterSeconds(response.headers.get('retry-after'), now);
  // Server messages are kept as plain text (a UI shows them with textContent or its own catalogue).
  const message = body?.error.message ?? `The server answered ${status}.`;
  return new TotpGateError(code, message, {
    status,
    ...(body?.error.attemptsLeft !== undefined && { attemptsLeft: body.error.attemptsLeft }),
    ...(body?.error.skewSeconds !== undefined && { skewSeconds: body.error.skewSeconds }),
    ...(retryAfter !== undefined && code === 'locked' && { retryAt: new Date(now + retryAfter * 1000) }),
  });
}

export type { Schema } from './errors.js';

/** One call of the contract: a method, a path under the base URL, a JSON body (undefined: none), and the schema of the answer. */
export type HttpRequest = <T>(
  schema: Schema<T>,
  method: HttpMethod,
  path: string,
  body: unknown,
  callOptions?: CallOptions,
) => Promise<T>;

/** The methods of the contract (GET and POST) and of the admin mount (also PUT and DELETE). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The transport `createHttpBackend` is built on (also used by the account adapter): timeouts,
 * size limits, typed errors, schema-checked answers. `more`: error codes known beyond sign-in's.
 * @internal
 */
export function httpRequester(options: HttpBackendOptions, more?: ReadonlySet<string>): HttpRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const limit = options.maxResponseBytes ?? 65_536;
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? ((input: string | Request, init?: RequestInit) => fetch(input, init));

  return async function request<T>(
    schema: Schema<T>,
    method: HttpMethod,
    path: string,
    body: unknown,
    callOptions: CallOptions = {},
  ): Promise<T> {
    const signals = [clock.timeout(timeoutMs)];
    if (callOptions.signal) signals.push(callOptions.signal);
    const signal = signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Also settles when a `fetch` (or a body) ignores the signal and hangs.
    const aborted = abortedAsTimeout(signal);
    try {
      const response = await Promise.race([
        doFetch(`${base}${path}`, {
          method,
          headers,
          credentials: options.credentials ?? 'same-origin',
          cache: 'no-store',
          signal,
          ...(body !== undefined && { body: JSON.stringify(body) }),
          // Asserted because Node's RequestInit types (undici) do not list `cache`; browsers honour it.
        } as RequestInit),
        aborted,
      ]);
      const text = await Promise.race([readBody(response, limit), aborted]);
      if (!response.ok) throw errorFrom(response, text, clock.now(), more);
      return parseAnswer(schema, parseJson(text));
    } catch (error) {
      // A `fetch` that honours the signal rejects with its own error (an AbortError, say).
      throw signal.aborted && !(error instanceof TotpGateError) ? timeoutError(error) : toTotpGateError(error, more);
    }
  };
}

/**
 * An adapter for the REST contract v1 served by `@totp-gate/server` (or anything that speaks it).
 * It covers signing in; `createHttpAccountBackend` from `@totp-gate/core/http-account` adds the
 * account-management endpoints for `<totp-manage>`.
 *
 * @example
 * const backend = createHttpBackend({ baseUrl: '/api/totp', headers: { 'x-csrf-token': token } })
 */
export function createHttpBackend(options: HttpBackendOptions): TotpBackend {
  const request = httpRequester(options);

  return {
    capabilities: { recoveryCodes: true, defer: true, enrollmentRequiresPassword: false, requiresRecentLogin: false },
    status: (o) => request(Status, 'GET', '/status', undefined, o),
    // The REST contract takes no password: the session's first factor is enough.
    startEnrollment: (o: StartEnrollmentOptions & CallOptions = {}) =>
      request(Enrollment, 'POST', '/enrollment', {}, o),
    confirmEnrollment: (code, o) => request(ConfirmResult, 'POST', '/enrollment/confirm', { code }, o),
    // With the opt-in to remember this device (S58; the server honours it only when its policy offers it).
    verify: (code, o) =>
      request(VerifyResult, 'POST', '/verify', o?.rememberDevice ? { code, rememberDevice: true } : { code }, o),
    redeemRecoveryCode: (code, o) => request(RecoveryResult, 'POST', '/recovery', { code }, o),
    defer: (o) => request(DeferResult, 'POST', '/defer', {}, o),
  };
}
