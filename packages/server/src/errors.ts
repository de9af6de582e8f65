/**
 * The error table: every error the service answers, with its HTTP status and the code the body
 * carries. Both HTTP paths (`handle(Request)` and `toNodeHandler`) write answers built here, so a
 * code has one status everywhere. A new error is one line in {@link ERRORS}.
 */

/** Error kind → `{status, code?}`; the body's `code` is the kind unless `code` says otherwise. */
export const ERRORS = {
  'bad-request': { status: 400 },
  'invalid-code': { status: 400 },
  'code-reused': { status: 400 },
  unauthenticated: { status: 401 },
  'grace-expired': { status: 403 },
  // A state-changing request from another site's page (S44).
  'cross-origin': { status: 403 },
  'totp-required': { status: 403 },
  'step-up-required': { status: 403 },
  // The admin mount: `authorize` refused, the user is unknown, a change that conflicts.
  forbidden: { status: 403 },
  'unknown-user': { status: 404 },
  'not-exempt': { status: 409 },
  'lockout-guard': { status: 409 },
  'not-found': { status: 404 },
  'unknown-id': { status: 404 },
  'method-not-allowed': { status: 405 },
  'already-enrolled': { status: 409 },
  'last-factor': { status: 409 },
  'enrollment-expired': { status: 410 },
  // Contract v1 names an oversized body a bad request; the status says why.
  'body-too-large': { status: 413, code: 'bad-request' },
  'unsupported-media-type': { status: 415 },
  locked: { status: 429 },
  internal: { status: 500 },
  // A store that cannot answer in time (StoreUnavailableError): nothing changed, try again.
  unavailable: { status: 503 },
} as const satisfies Record<string, { status: number; code?: string }>;

/** One of the error kinds in {@link ERRORS}. */
export type ErrorKind = keyof typeof ERRORS;

/** Anything `new Headers()` accepts (a record, pairs, or a `Headers`). */
export type HeadersLike = NonNullable<ConstructorParameters<typeof Headers>[0]>;

/** An answer before either HTTP path writes it. */
export interface Answer {
  status: number;
  body: unknown;
  /** The service's own headers (`retry-after`, `allow`). */
  headers?: Record<string, string>;
  /**
   * A body sent as it is instead of `body` as JSON (the admin CSV export), with its own
   * `content-type` in `headers`. Still `no-store`.
   */
  text?: string;
  /** Headers from the host's `onVerified` hook (e.g. `Set-Cookie` for a rotated session). */
  hostHeaders?: HeadersLike;
  /** The service's own `Set-Cookie` values (the remembered-device cookie, S58). */
  cookies?: string[];
}

/** Extra facts for an error answer. */
export interface ErrorExtras {
  attemptsLeft?: number;
  /** Seconds; also sent as the `Retry-After` header. */
  retryAfter?: number;
  skewSeconds?: number;
  state?: string;
  /** Why a verified session must pass a code again (S43): `verification-expired` or `step-up`. */
  reason?: string;
}

/**
 * An error answer `{error: {code, message, ...extras}}` with the status of its kind.
 *
 * @example
 * errorAnswer('locked', 'Too many failed codes. Try again later.', { retryAfter: 60 })
 * // → 429, Retry-After: 60, {error: {code: 'locked', message, retryAfter: 60}}
 */
export function errorAnswer(kind: ErrorKind, message: string, extras?: ErrorExtras): Answer {
  const entry: { status: number; code?: string } = ERRORS[kind];
  const error: { code: string; message: string } & ErrorExtras = { code: entry.code ?? kind, message };
  const answer: Answer = { status: entry.status, body: { error } };
  if (extras === undefined) return answer;
  // Field by field, in the order of the error body's schema; absent extras stay absent.
  if (extras.attemptsLeft !== undefined) error.attemptsLeft = extras.attemptsLeft;
  if (extras.retryAfter !== undefined) {
    error.retryAfter = extras.retryAfter;
    answer.headers = { 'retry-after': String(extras.retryAfter) };
  }
  if (extras.skewSeconds !== undefined) error.skewSeconds = extras.skewSeconds;
  if (extras.state !== undefined) error.state = extras.state;
  if (extras.reason !== undefined) error.reason = extras.reason;
  return answer;
}
