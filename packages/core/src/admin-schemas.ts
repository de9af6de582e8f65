/**
 * Schemas of the admin mount's answers (`createTotpAdmin` in `@totp-gate/server`): a user's
 * standing, a page of the list, a dry run and a policy check. Only the admin client
 * (`@totp-gate/core/admin`) and `<totp-admin>` use them; the sign-in path never imports this
 * module. Objects are zod's default (unknown keys are dropped), so a field the server adds, a
 * secret say, never reaches the page; every string and list has an upper bound.
 */
import * as z from 'zod/mini';
import type { AdminErrorCode } from './errors.js';

// As in schemas.ts: no `new Function` probe under a strict Content-Security-Policy (S38).
z.config({ jitless: true });

/** The error codes only the admin mount answers with (see `AdminErrorCode`). */
export const ADMIN_ERROR_CODES: ReadonlySet<AdminErrorCode> = new Set<AdminErrorCode>([
  'forbidden',
  'cross-origin',
  'unknown-user',
  'not-exempt',
  'lockout-guard',
]);

/** The standings, in the order a fresh sign-in is decided (as the server's `STANDINGS`). */
export const STANDINGS = [
  'not-required',
  'exempt',
  'locked',
  'enrolled',
  'deferred',
  'in-grace',
  'must-enroll',
] as const;

/** One user's standing word. */
export const Standing = z.enum(STANDINGS);
/** A value that passed {@link Standing}. */
export type Standing = z.infer<typeof Standing>;

/** The longest reason the server keeps, in characters. */
export const ADMIN_REASON_MAX = 500;
/** The longest exemption the server grants at once, in days. */
export const MAX_EXEMPTION_DAYS = 366;
/** The largest page the server hands out. */
export const MAX_ADMIN_PAGE = 500;

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
const isoTime = z.string().check(
  z.regex(ISO_TIME),
  z.refine((v) => !Number.isNaN(Date.parse(v))),
);
const when = z.nullable(isoTime);
// Ids are the host's: any text, but bounded and without control characters.
// eslint-disable-next-line no-control-regex
const noControl = z.refine<string>((v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v));
const userId = z.string().check(z.minLength(1), z.maxLength(256), noControl);
const label = z.string().check(z.maxLength(256), noControl);
const reason = z.string().check(z.minLength(1), z.maxLength(ADMIN_REASON_MAX), noControl);
const count = (max: number) => z.int().check(z.minimum(0), z.maximum(max));
const ids = (max: number) => z.array(userId).check(z.maxLength(max));

/** An exemption: why, until when, and who granted it. */
export const AdminExemption = z.object({
  reason,
  /** Null only for a policy exemption without an end. */
  expiresAt: when,
  /** `admin`: granted through the admin mount; `policy`: written in the policy's `exemptions`. */
  source: z.enum(['admin', 'policy']),
  grantedBy: z.nullable(userId),
  grantedAt: when,
});
/** A value that passed {@link AdminExemption}. */
export type AdminExemption = z.infer<typeof AdminExemption>;

/** One authenticator in the answer about one user: the name its owner gave it, and its dates. */
export const AdminFactor = z.object({
  name: label,
  createdAt: isoTime,
  lastUsedAt: when,
});
/** A value that passed {@link AdminFactor}. */
export type AdminFactor = z.infer<typeof AdminFactor>;

/** `GET /users/{userId}`, and the answer of every change: one user. Nothing in it is a secret. */
export const AdminUser = z.object({
  userId,
  /** A label for people (e-mail, name), from the host's facts. */
  account: z.nullable(label),
  roles: z.array(label).check(z.maxLength(100)),
  standing: Standing,
  /** Active authenticators. */
  authenticators: count(100),
  enrolledAt: when,
  /** When a code from an authenticator last passed. */
  lastSignInAt: when,
  graceEndsAt: when,
  deferredAt: when,
  failures: count(1_000_000),
  locked: z.boolean(),
  /** End of a timed lock; null with `hardLocked` (until an administrator unlocks). */
  lockedUntil: when,
  hardLocked: z.boolean(),
  exemption: z.nullable(AdminExemption),
  recoveryCodesLeft: count(100),
  enrollmentPending: z.boolean(),
  /** The authenticators, oldest first: in the answer about one user only, not in a page of the list. */
  factors: z.optional(z.array(AdminFactor).check(z.maxLength(100))),
});
/** A value that passed {@link AdminUser}. */
export type AdminUser = z.infer<typeof AdminUser>;

/** `GET /users`: one page of the list. */
export const AdminUserPage = z.object({
  users: z.array(AdminUser).check(z.maxLength(MAX_ADMIN_PAGE)),
  /**
   * Pass it back as `cursor` for the next page; null at the end. With a filter a page may hold
   * fewer users than asked for, even none, and still have a next page.
   */
  nextCursor: z.nullable(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,400}$/))),
});
/** A value that passed {@link AdminUserPage}. */
export type AdminUserPage = z.infer<typeof AdminUserPage>;

const LIST_MAX = 10_000;

/** `POST /dry-run`: what a candidate policy would do on a date. Nothing is changed by it. */
export const DryRunResult = z.object({
  at: isoTime,
  total: count(100_000_000),
  counts: z.record(Standing, count(100_000_000)),
  /** Would be blocked at their next sign-in until they enroll. */
  blocked: ids(LIST_MAX),
  inGrace: z.array(z.object({ userId, graceEndsAt: when })).check(z.maxLength(LIST_MAX)),
  exempt: z.array(z.object({ userId, reason, expiresAt: when })).check(z.maxLength(LIST_MAX)),
  locked: ids(LIST_MAX),
  /** Whether a list was cut at the `listLimit` asked for (the counts are always complete). */
  truncated: z.boolean(),
  /** The self-lockout guard: `tripped` when every administrator would be blocked. */
  guard: z.object({
    tripped: z.boolean(),
    administrators: count(100_000_000),
    canSignIn: count(100_000_000),
    blocked: ids(LIST_MAX),
  }),
});
/** A value that passed {@link DryRunResult}. */
export type DryRunResult = z.infer<typeof DryRunResult>;

/** `POST /policy-check`: the dry run, and whether the guard was overridden with a reason. */
export const PolicyCheckResult = z.extend(DryRunResult, { overridden: z.boolean() });
/** A value that passed {@link PolicyCheckResult}. */
export type PolicyCheckResult = z.infer<typeof PolicyCheckResult>;
