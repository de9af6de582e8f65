/**
 * The portal's calls to its own API (same origin; the session cookie rides along). The TOTP
 * steps themselves are not here: `<totp-gate endpoint="/api/totp">` makes those calls.
 */
import type { DemoAuditEntry } from '../server/audit-log.js';
import type { Note } from '../server/notes.js';

/** One internal note, as `GET /api/notes` sends it: the server's own type (nothing of the server loads here). */
export type { Note };

/** The signed-in person, as `GET /api/me` reports them. */
export interface Me {
  username: string;
  displayName: string;
  roles: string[];
  account: string;
  /** Whether the policy covers one of this person's roles. */
  totpRequired: boolean;
}

/** One entry of the audit panel, as `GET /api/audit` sends it: the server's own type. */
export type AuditEntry = DemoAuditEntry;

/** An answer exactly as the server gave it, for the "read the API directly" panel. */
export interface RawAnswer {
  status: number;
  body: unknown;
}

/** A refusal from the API, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function raw(path: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text as it came.
  }
  return { status: response.status, body };
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const answer = await raw(path, init);
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
  throw new ApiError(answer.status, error?.code ?? 'http-error', error?.message ?? `HTTP ${answer.status}`);
}

function post(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The demo API. */
export const api = {
  me: () => call<Me>('/api/me'),
  login: (username: string, password: string) => call<Me>('/api/login', post({ username, password })),
  logout: () => call<{ signedOut: true }>('/api/logout', post({})),
  notes: () => call<{ notes: Note[] }>('/api/notes'),
  /** `GET /api/notes` without interpretation: the status and body the server sent. */
  notesRaw: () => raw('/api/notes'),
  /** The account's trail once TOTP has passed; before, only this session's own entries. */
  audit: () => call<{ scope: 'account' | 'session'; events: AuditEntry[] }>('/api/audit'),
  /** The latest administrator actions (administrators only; the Admin page). */
  adminActions: () => call<{ events: AuditEntry[] }>('/api/admin-actions'),
  totpStatus: () => call<Record<string, unknown>>('/api/totp/status'),
  regenerateRecoveryCodes: (code: string) =>
    call<{ recoveryCodes: string[] }>('/api/totp/recovery-codes', post({ code })),
};
