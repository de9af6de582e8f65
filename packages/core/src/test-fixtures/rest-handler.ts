/**
 * A tiny server for the REST contract v1 on top of the fake backend, as a web-standard
 * `Request -> Response` handler. Tests route a `fetch` stub through it, so `createHttpBackend`
 * is checked against real requests, real status codes and real JSON.
 */
import { TotpGateError, toTotpGateError, type TotpErrorCode } from '../errors.js';
import { CodeBody } from '../schemas.js';
import { ACCOUNT_ERROR_CODES } from '../account-schemas.js';
import type { FakeBackend } from '../testing/fake.js';

const STATUS: Record<TotpErrorCode, number> = {
  unauthenticated: 401,
  'invalid-code': 400,
  'code-reused': 400,
  'bad-request': 400,
  'enrollment-expired': 410,
  'already-enrolled': 409,
  'grace-expired': 403,
  locked: 429,
  network: 503,
  timeout: 504,
  'bad-response': 500,
  unsupported: 404,
  'totp-required': 403,
  'step-up-required': 403,
  'last-factor': 409,
  'unknown-id': 404,
  forbidden: 403,
  'cross-origin': 403,
  'unknown-user': 404,
  'not-exempt': 409,
  'lockout-guard': 409,
};

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

function answer(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

function refuse(error: TotpGateError, now: number): Response {
  const retryAfter = error.retryAt ? Math.max(0, Math.ceil((error.retryAt.getTime() - now) / 1000)) : undefined;
  return answer(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.attemptsLeft !== undefined && { attemptsLeft: error.attemptsLeft }),
        ...(retryAfter !== undefined && { retryAfter }),
      },
    },
    STATUS[error.code],
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  );
}

export interface RestHandlerOptions {
  /** Where the contract is mounted. */
  basePath?: string;
  /** The clock used for Retry-After. */
  now?: () => number;
}

/**
 * Serves the contract for one user. The session is named by the `x-test-session` header
 * (standing in for a cookie); an unknown name starts a new first-factor session.
 */
export function createRestHandler(user: FakeBackend, options: RestHandlerOptions = {}) {
  const base = options.basePath ?? '/api/totp';
  const now = options.now ?? (() => Date.now());
  const sessions = new Map<string, FakeBackend>();

  async function json(request: Request): Promise<Record<string, unknown>> {
    try {
      return (await request.json()) as Record<string, unknown>;
    } catch {
      throw new TotpGateError('bad-request', 'The body is not JSON.');
    }
  }

  async function code(request: Request): Promise<string> {
    const parsed = CodeBody.safeParse(await json(request));
    if (!parsed.success) throw new TotpGateError('bad-request', 'The body must be {"code": "..."}.');
    return parsed.data.code;
  }

  function text(value: unknown): string {
    if (typeof value !== 'string') throw new TotpGateError('bad-request', 'Expected a string.');
    return value;
  }

  return async function handle(request: Request): Promise<Response> {
    const name = request.headers.get('x-test-session');
    if (name === null) return refuse(new TotpGateError('unauthenticated', 'Sign in first.'), now());
    let session = sessions.get(name);
    if (!session) {
      session = sessions.size === 0 ? user : user.newSession();
      sessions.set(name, session);
    }
    const path = new URL(request.url).pathname;
    if (!path.startsWith(`${base}/`)) return answer({ error: { code: 'not-found', message: 'Not found.' } }, 404);
    if (request.method === 'POST' && request.headers.get('content-type') !== 'application/json') {
      return answer({ error: { code: 'unsupported-media-type', message: 'Send JSON.' } }, 415);
    }
    try {
      switch (`${request.method} ${path.slice(base.length)}`) {
        case 'GET /status':
          return answer(await session.status());
        case 'POST /enrollment':
          return answer(await session.startEnrollment());
        case 'POST /enrollment/confirm':
          return answer(await session.confirmEnrollment(await code(request)));
        case 'POST /verify': {
          const body = await json(request);
          const verified = await session.verify(text(body.code), { rememberDevice: body.rememberDevice === true });
          return answer(verified);
        }
        case 'POST /recovery':
          return answer(await session.redeemRecoveryCode!(await code(request)));
        case 'POST /defer':
          return answer(await session.defer!());
        case 'GET /factors':
          return answer(await session.listFactors!());
        case 'POST /factors': {
          const body = await json(request);
          const replaces = body.replaces === undefined ? {} : { replaces: text(body.replaces) };
          return answer(await session.addFactor!({ name: text(body.name), ...replaces }));
        }
        case 'POST /factors/confirm':
          return answer(await session.confirmFactor!(await code(request)));
        case 'POST /factors/rename': {
          const body = await json(request);
          return answer(await session.renameFactor!(text(body.id), text(body.name)));
        }
        case 'POST /factors/remove':
          return answer(await session.removeFactor!(text((await json(request)).id)));
        case 'POST /recovery-codes':
          return answer(await session.regenerateRecoveryCodes!(await code(request)));
        case 'GET /devices':
          return answer(await session.listDevices!());
        case 'POST /devices/revoke':
          return answer(await session.revokeDevice!(text((await json(request)).id)));
        case 'POST /sign-out-others':
          return answer(await session.signOutOthers!());
        default:
          return answer({ error: { code: 'not-found', message: 'Not found.' } }, 404);
      }
    } catch (error) {
      return refuse(toTotpGateError(error, ACCOUNT_ERROR_CODES), now());
    }
  };
}

/** A `fetch` for `createHttpBackend` that sends every request, as a real Request, to `handle`. */
export function fetchThrough(handle: (request: Request) => Promise<Response>, session: string) {
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers({ ...(init.headers as Record<string, string>), 'x-test-session': session });
    return handle(new Request(`http://app.test${url}`, { ...init, headers }));
  };
}
