/**
 * `createAdminClient`: a typed client for the admin mount of `@totp-gate/server`
 * (`createTotpAdmin`), for an administrator's page and `<totp-admin>`. The same transport as the
 * sign-in adapter (timeouts, size caps, typed errors, every answer checked against its schema),
 * at its own subpath `@totp-gate/core/admin`, so the sign-in path never loads it.
 */
import {
  ADMIN_ERROR_CODES,
  ADMIN_REASON_MAX,
  AdminUser,
  AdminUserPage,
  DryRunResult,
  PolicyCheckResult,
  type Standing,
} from './admin-schemas.js';
import type { CallOptions } from './backend.js';
import { TotpGateError } from './errors.js';
import { httpRequester, type HttpBackendOptions, type HttpMethod, type Schema } from './http.js';
import type { PolicyInput } from './policy.js';

export * from './admin-schemas.js';

/** Options for {@link createAdminClient}: those of the HTTP adapter, for the admin mount. */
export interface AdminClientOptions extends HttpBackendOptions {
  /** Where the host mounted `createTotpAdmin`, e.g. `/api/totp-admin`. */
  baseUrl: string;
  /** Largest answer accepted, in bytes (default 1 MiB: a page of 500 users fits). */
  maxResponseBytes?: number;
  /**
   * How long a dry run or policy check may take, in milliseconds (default 120,000): the server
   * reads every user for it, seconds at 100,000 users. Other calls keep `timeoutMs`.
   */
  dryRunTimeoutMs?: number;
}

/** Filters of the list and the user export. */
export interface AdminFilter {
  /** Only users in one of these standings. */
  standing?: Standing | readonly Standing[];
  /** Only users with this role. */
  role?: string;
  /** Only users whose id or account contains this text (case-insensitive). */
  search?: string;
}

/** One page of the list: the filters, where to go on from, and how many. */
export interface AdminListQuery extends AdminFilter {
  /** The previous page's `nextCursor`; absent (or null) for the first page. */
  cursor?: string | null;
  /** Users per page, 1 to 500 (the server's default is 50). */
  limit?: number;
}

/** Why an administrator acts: one line for the audit log, required for every change. */
export interface AdminReason {
  reason: string;
}

/** An exemption to grant or change: why and until when (at most 366 days ahead). */
export interface ExemptionGrant extends AdminReason {
  expiresAt: Date | string;
}

/** A candidate policy to try, at a date (default now). */
export interface DryRunRequest {
  policy: PolicyInput;
  at?: Date | string;
  /** How many ids each group lists at most (default 100; counts are always complete). */
  listLimit?: number;
}

/** A policy to check before switching it on; `override` goes ahead although every administrator would be blocked. */
export interface PolicyCheckRequest extends DryRunRequest {
  override?: AdminReason;
}

/** The downloads of the admin mount. */
export type AdminExport = 'users' | 'audit';

/** What {@link createAdminClient} returns. Every method rejects with a `TotpGateError` only. */
export interface TotpAdminClient {
  /** A page of users with their standing. */
  list(query?: AdminListQuery, options?: CallOptions): Promise<AdminUserPage>;
  /** One user; `unknown-user` when neither TOTP Gate nor the host knows them. */
  user(userId: string, options?: CallOptions): Promise<AdminUser>;
  /** Forces re-enrollment (authenticators, recovery codes, sessions and devices are gone); the user after it. */
  reset(userId: string, act: AdminReason, options?: CallOptions): Promise<AdminUser>;
  /** Clears the failure count and any lock; the user after it. */
  unlock(userId: string, act: AdminReason, options?: CallOptions): Promise<AdminUser>;
  /** Grants an exemption, or changes the one the user has; the user after it. */
  grantExemption(userId: string, grant: ExemptionGrant, options?: CallOptions): Promise<AdminUser>;
  /** Ends the user's exemption now (`not-exempt` when there is none); the user after it. */
  revokeExemption(userId: string, act: AdminReason, options?: CallOptions): Promise<AdminUser>;
  /** What a candidate policy would do; changes nothing. */
  dryRun(request: DryRunRequest, options?: CallOptions): Promise<DryRunResult>;
  /** The dry run as a gate: `lockout-guard` when no administrator could sign in, unless overridden. */
  checkPolicy(request: PolicyCheckRequest, options?: CallOptions): Promise<PolicyCheckResult>;
  /**
   * The URL of a CSV or JSON download (the user list with `filter`, or the audit events), for a
   * link the browser fetches with its own cookies: no answer of any size is held in the page.
   */
  exportUrl(kind: AdminExport, format?: 'csv' | 'json', filter?: AdminFilter): string;
}

function refuse(message: string): never {
  throw new TotpGateError('bad-request', message);
}

// C0 and C1 controls and the line separators, as the server refuses them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The reason as the server will keep it, or a `bad-request` before anything is sent. */
function reasonOf(act: AdminReason | undefined): string {
  const reason = typeof act?.reason === 'string' ? act.reason.trim() : '';
  if (reason === '') refuse('A reason is required: say why, for the audit log.');
  if (reason.length > ADMIN_REASON_MAX) refuse(`The reason is longer than ${ADMIN_REASON_MAX} characters.`);
  if (CONTROL.test(reason)) refuse('The reason must be one line without control characters.');
  return reason;
}

function isoOf(value: Date | string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) refuse(`${field} must be a Date or an ISO 8601 time.`);
  return value instanceof Date ? value.toISOString() : value;
}

function checkUserId(userId: unknown): string {
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 256) {
    refuse('userId must be a non-empty string of at most 256 characters.');
  }
  return userId;
}

function filterParams(filter: AdminFilter = {}): URLSearchParams {
  const params = new URLSearchParams();
  const standing = filter.standing === undefined ? [] : ([] as Standing[]).concat(filter.standing);
  if (standing.length) params.set('standing', standing.join(','));
  if (filter.role) params.set('role', filter.role);
  if (filter.search) params.set('search', filter.search);
  return params;
}

const withQuery = (path: string, params: URLSearchParams) => {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
};

/**
 * A client for the admin mount.
 *
 * @example
 * const admin = createAdminClient({ baseUrl: '/api/totp-admin' })
 * const { users, nextCursor } = await admin.list({ standing: 'must-enroll', limit: 100 })
 * await admin.reset('alice', { reason: 'Lost phone, ticket 4711' })
 */
export function createAdminClient(options: AdminClientOptions): TotpAdminClient {
  const request = httpRequester({ maxResponseBytes: 1_048_576, ...options }, ADMIN_ERROR_CODES);
  const slowRequest = httpRequester(
    { maxResponseBytes: 1_048_576, ...options, timeoutMs: options.dryRunTimeoutMs ?? 120_000 },
    ADMIN_ERROR_CODES,
  );
  const base = options.baseUrl.replace(/\/+$/, '');
  const userPath = (userId: string, rest = '') => `/users/${encodeURIComponent(checkUserId(userId))}${rest}`;

  /** A change to one user; the answer must be about that user. */
  async function aboutUser(userId: string, method: HttpMethod, rest: string, body: unknown, o?: CallOptions) {
    const path = userPath(userId, rest);
    const user = await request(AdminUser as Schema<AdminUser>, method, path, body, o);
    if (user.userId !== userId) throw new TotpGateError('bad-response', 'The server answered about another user.');
    return user;
  }

  return {
    async list(query = {}, o) {
      const params = filterParams(query);
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit !== undefined) {
        if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 500) {
          refuse('limit must be a whole number from 1 to 500.');
        }
        params.set('limit', String(query.limit));
      }
      return request(AdminUserPage as Schema<AdminUserPage>, 'GET', withQuery('/users', params), undefined, o);
    },
    user: async (userId, o) => aboutUser(userId, 'GET', '', undefined, o),
    reset: async (userId, act, o) => aboutUser(userId, 'POST', '/reset', { reason: reasonOf(act) }, o),
    unlock: async (userId, act, o) => aboutUser(userId, 'POST', '/unlock', { reason: reasonOf(act) }, o),
    async grantExemption(userId, grant, o) {
      const reason = reasonOf(grant);
      const expiresAt = isoOf(grant?.expiresAt, 'expiresAt') ?? refuse('An exemption needs an end (expiresAt).');
      return aboutUser(userId, 'PUT', '/exemption', { reason, expiresAt }, o);
    },
    revokeExemption: async (userId, act, o) => aboutUser(userId, 'DELETE', '/exemption', { reason: reasonOf(act) }, o),
    async dryRun(input, o) {
      if (typeof input?.policy !== 'object' || input.policy === null) refuse('A dry run needs a candidate policy.');
      const at = isoOf(input.at, 'at');
      const body = {
        policy: input.policy,
        ...(at && { at }),
        ...(input.listLimit !== undefined && { listLimit: input.listLimit }),
      };
      return slowRequest(DryRunResult as Schema<DryRunResult>, 'POST', '/dry-run', body, o);
    },
    async checkPolicy(input, o) {
      if (typeof input?.policy !== 'object' || input.policy === null)
        refuse('A policy check needs a candidate policy.');
      const at = isoOf(input.at, 'at');
      const body = {
        policy: input.policy,
        ...(at && { at }),
        ...(input.listLimit !== undefined && { listLimit: input.listLimit }),
        ...(input.override !== undefined && { override: { reason: reasonOf(input.override) } }),
      };
      return slowRequest(PolicyCheckResult as Schema<PolicyCheckResult>, 'POST', '/policy-check', body, o);
    },
    exportUrl(kind, format = 'csv', filter) {
      if (kind !== 'users' && kind !== 'audit') refuse('kind must be users or audit.');
      if (format !== 'csv' && format !== 'json') refuse('format must be csv or json.');
      const params = kind === 'users' ? filterParams(filter) : new URLSearchParams();
      params.set('format', format);
      return `${base}/export/${kind}?${params}`;
    },
  };
}
