/**
 * What an administrator's action must say: who does it, why, and (for an exemption) until when.
 * Every check fails with an {@link AdminError} naming the field, before anything is changed; the
 * HTTP mount turns it into the matching JSON error (400, 404).
 */

/** The kinds of refusal an admin function throws, each with the status the HTTP mount gives it. */
export type AdminErrorKind = 'bad-request' | 'unknown-user' | 'not-exempt' | 'lockout-guard';

/** A refused admin call: nothing was changed. `kind` says which error answer it becomes. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly kind: AdminErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `error` is an {@link AdminError}, also from another copy of this package. */
export function isAdminError(error: unknown): error is AdminError {
  return error instanceof Error && error.name === 'AdminError' && typeof (error as AdminError).kind === 'string';
}

/** Longest reason kept, in characters. */
export const MAX_REASON_LENGTH = 500;
/** The longest exemption an administrator may grant at once: a year and a day. */
export const MAX_EXEMPTION_MS = 366 * 86_400_000;

// C0 and C1 controls, and the line and paragraph separators: a reason is one line of text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Who acts and why, for every changing admin action. */
export interface AdminAct {
  /** Why, in words a later reader of the audit log understands ("lost phone, ticket 4711"). */
  reason: string;
  /** The administrator's id, as the host knows it; it goes into the audit event. */
  adminId: string;
}

/** Checks a reason: a non-empty line of at most {@link MAX_REASON_LENGTH} characters, trimmed. */
export function checkReason(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new AdminError('bad-request', 'A reason is required: say why, for the audit log.');
  }
  if (typeof value !== 'string') throw new AdminError('bad-request', 'The reason must be text.');
  const reason = value.trim();
  if (reason.length > MAX_REASON_LENGTH) {
    throw new AdminError('bad-request', `The reason is longer than ${MAX_REASON_LENGTH} characters.`);
  }
  if (CONTROL.test(reason))
    throw new AdminError('bad-request', 'The reason must be one line without control characters.');
  return reason;
}

/** Checks an id (user or administrator): a non-empty string of at most 256 characters. */
export function checkId(value: unknown, field: 'userId' | 'adminId'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new AdminError('bad-request', `${field} must be a non-empty string of at most 256 characters.`);
  }
  return value;
}

/** Checks the act of an administrator: a reason and who gives it. */
export function checkAct(act: unknown): AdminAct {
  const given = (typeof act === 'object' && act !== null ? act : {}) as Partial<AdminAct>;
  return { reason: checkReason(given.reason), adminId: checkId(given.adminId, 'adminId') };
}

/**
 * Checks an exemption's end: required, an ISO 8601 time with offset (or a `Date`), after `nowMs`
 * and at most {@link MAX_EXEMPTION_MS} later. Returns milliseconds since the epoch.
 */
export function checkExpiry(value: unknown, nowMs: number): number {
  if (value === undefined || value === null || value === '') {
    throw new AdminError('bad-request', 'An exemption needs an end: give expiresAt as an ISO 8601 time.');
  }
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    ms = Date.parse(value);
  }
  if (Number.isNaN(ms)) {
    throw new AdminError(
      'bad-request',
      'expiresAt must be an ISO 8601 time with a time zone, e.g. 2026-03-01T00:00:00Z.',
    );
  }
  if (ms <= nowMs) throw new AdminError('bad-request', 'expiresAt must be in the future.');
  if (ms - nowMs > MAX_EXEMPTION_MS) {
    throw new AdminError(
      'bad-request',
      'expiresAt is more than 366 days away; grant a shorter exemption and renew it.',
    );
  }
  return ms;
}
