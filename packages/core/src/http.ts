/**
 * `createHttpBackend`: the REST contract v1 over `fetch`. JSON only, same-origin credentials,
 * a timeout on every call, size-capped answers. Values are returned as received; the gate
 * validates them (and so do the helpers here for error bodies).
 */
import type { CallOptions, StartEnrollmentOptions, TotpBackend } from './backend.js';
import { TotpGateError, isTotpErrorCode, toTotpGateError, type TotpErrorCode } from './errors.js';
import {
  ErrorBody,
  type ConfirmResult,
  type DeferResult,
  type Enrollment,
  type RecoveryResult,
  type Status,
  type VerifyResult,
} from './schemas.js';

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
  credentials?: RequestCredentials;
  /** Largest answer accepted, in bytes (default 64 KiB); a larger one is `bad-response`. */
  maxResponseBytes?: number;
}

const STATUS_CODES: Record<number, TotpErrorCode> = {
  401: 'unauthenticated',
  409: 'already-enrolled',
  410: 'enrollment-expired',
  429: 'locked',
};

async function readBody(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) throw new TotpGateError('bad-response', 'The answer is too large.');
  const text = await response.text();
  if (text.length > limit) throw new TotpGateError('bad-response', 'The answer is too large.');
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TotpGateError('bad-response', 'The server did not answer with JSON.');
  }
}

function errorFrom(response: Response, text: string, now: number): TotpGateError {
  let body: ErrorBody | undefined;
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON: an HTML error page from a proxy, say. Fall back on the status code.
  }
  const status = response.status;
  const declared = body?.error.code;
  const code: TotpErrorCode = isTotpErrorCode(declared)
    ? declared
    : (STATUS_CODES[status] ?? (status >= 500 ? 'network' : status === 400 ? 'bad-request' : 'bad-response'));
  const header = Number(response.headers.get('retry-after'));
  const retryAfter = body?.error.retryAfter ?? (Number.isFinite(header) && header >= 0 ? header : undefined);
  // Server messages are shown as text only, never as markup; a UI may prefer its own catalogue.
  const message = body?.error.message ?? `The server answered ${status}.`;
  return new TotpGateError(code, message, {
    status,
    ...(body?.error.attemptsLeft !== undefined && { attemptsLeft: body.error.attemptsLeft }),
    ...(body?.error.skewSeconds !== undefined && { skewSeconds: body.error.skewSeconds }),
    ...(retryAfter !== undefined && code === 'locked' && { retryAt: new Date(now + retryAfter * 1000) }),
  });
}

/**
 * An adapter for the REST contract v1 served by `@totp-gate/server` (or anything that speaks it).
 *
 * @example
 * const backend = createHttpBackend({ baseUrl: '/api/totp', headers: { 'x-csrf-token': token } })
 */
export function createHttpBackend(options: HttpBackendOptions): TotpBackend {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const limit = options.maxResponseBytes ?? 65_536;
  const doFetch = options.fetch ?? ((input: string | Request, init?: RequestInit) => fetch(input, init));

  async function request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    callOptions: CallOptions = {},
  ): Promise<unknown> {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (callOptions.signal) signals.push(callOptions.signal);
    const signal = signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (method === 'POST') headers['content-type'] = 'application/json';
    try {
      const response = await doFetch(`${base}${path}`, {
        method,
        headers,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
        signal,
        ...(method === 'POST' && { body: JSON.stringify(body ?? {}) }),
      });
      const text = await readBody(response, limit);
      if (!response.ok) throw errorFrom(response, text, Date.now());
      return parseJson(text);
    } catch (error) {
      // A timeout surfaces as an AbortError or TimeoutError depending on where it hit.
      if (signal.aborted && !(error instanceof TotpGateError)) {
        throw new TotpGateError('timeout', 'The server took too long to answer.', { cause: error });
      }
      throw toTotpGateError(error);
    }
  }

  return {
    capabilities: { recoveryCodes: true, defer: true, enrollmentRequiresPassword: false, requiresRecentLogin: false },
    status: (o) => request('GET', '/status', undefined, o) as Promise<Status>,
    startEnrollment: (o: StartEnrollmentOptions & CallOptions = {}) =>
      request('POST', '/enrollment', {}, o) as Promise<Enrollment>,
    confirmEnrollment: (code, o) => request('POST', '/enrollment/confirm', { code }, o) as Promise<ConfirmResult>,
    verify: (code, o) => request('POST', '/verify', { code }, o) as Promise<VerifyResult>,
    redeemRecoveryCode: (code, o) => request('POST', '/recovery', { code }, o) as Promise<RecoveryResult>,
    defer: (o) => request('POST', '/defer', {}, o) as Promise<DeferResult>,
  };
}
