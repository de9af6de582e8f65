/**
 * The policy and its evaluation: a pure decision about one user at one moment.
 * No clock and no randomness are read here; time is a parameter, so the server
 * (which enforces) and tests (which move a fake clock) get the same answers.
 *
 * Past 300 lines: the policy's schema, the facts it is applied to and the one function that
 * applies it, kept together so each field's rule reads next to its use; a sixth of it is the
 * documentation of those fields.
 */
import * as z from 'zod/mini';
import { Algorithm } from './schemas.js';
import { TotpGateError } from './errors.js';

const DAY = 86_400;
const timeInput = z.union([z.date(), z.iso.datetime({ offset: true })]);
const name = z.string().check(z.minLength(1), z.maxLength(256));

/**
 * An explicit exemption from TOTP for one user or one role. It must say why, and it may end.
 * An exemption is never implicit: the "root can bypass" of older setups is written here,
 * with its reason, and every use of it is audited by the server.
 */
export const Exemption = z
  .object({
    userId: z.optional(name),
    role: z.optional(name),
    reason: name,
    expiresAt: z.optional(z.nullable(timeInput)),
  })
  .check(
    z.refine((e) => e.userId !== undefined || e.role !== undefined, {
      message: 'An exemption names a userId or a role.',
    }),
  );
/** An exemption with its end read as a `Date` (when given as an ISO string it stays a string). */
export type Exemption = z.infer<typeof Exemption>;
/** An exemption as written in a policy. */
export type ExemptionInput = z.input<typeof Exemption>;

const TotpParameters = z.object({
  /** Hash algorithm. Many authenticator apps ignore anything but SHA1. */
  algorithm: z._default(Algorithm, 'SHA1'),
  /** Code length. Several apps ignore anything but 6. */
  digits: z._default(z.int().check(z.minimum(6), z.maximum(8)), 6),
  /** Seconds per time step; at most 120 (S11). */
  period: z._default(z.int().check(z.minimum(15), z.maximum(120)), 30),
  /** Steps accepted either side of now. 1 by default; wider needs an explicit choice (S15). */
  window: z._default(z.int().check(z.minimum(0), z.maximum(10)), 1),
});

const Lockout = z.object({
  /** Consecutive failures before the first lock. */
  threshold: z._default(z.int().check(z.minimum(1), z.maximum(100)), 5),
  /** First lock length; each further failure doubles it. */
  baseDelaySeconds: z._default(z.int().check(z.minimum(1), z.maximum(DAY)), 30),
  /** The longest timed lock. */
  maxDelaySeconds: z._default(z.int().check(z.minimum(1), z.maximum(7 * DAY)), 900),
  /** Consecutive failures after which only an administrator can unlock (NIST SP 800-63B: at most 100). */
  hardLimit: z._default(z.int().check(z.minimum(1), z.maximum(100)), 100),
});

const RememberDevice = z.object({
  /** Off by default: a code at every sign-in. */
  enabled: z._default(z.boolean(), false),
  maxAgeSeconds: z._default(z.int().check(z.minimum(60), z.maximum(90 * DAY)), 30 * DAY),
});

const RecoveryCodes = z.object({
  /** How many codes are issued at enrollment. 0 turns recovery codes off. */
  count: z._default(z.int().check(z.minimum(0), z.maximum(50)), 10),
  /**
   * What a sign-in with a recovery code leads to (S55). `continue` (the default): the session goes
   * on. `enroll`: the session must first set up a new authenticator, within `enrollWindowSeconds`;
   * the old ones stay. `replace`: the same, and the new authenticator replaces the old ones (a lost
   * phone stops working at once).
   */
  afterUse: z._default(z.enum(['continue', 'enroll', 'replace']), 'continue'),
  /** How long a session that used a recovery code has to set up the new authenticator. */
  enrollWindowSeconds: z._default(z.int().check(z.minimum(60), z.maximum(DAY)), 900),
});

/**
 * The policy, with defaults for everything: `parsePolicy({})` is the strict default
 * (everyone must enroll, no grace, no remembered devices, SHA1/6/30/window 1,
 * lock after 5 failures, hard stop at 100, 10 recovery codes, 10-minute enrollment, a
 * verification that counts for 12 hours).
 */
export const Policy = z.object({
  /** Roles that must use TOTP. `null` (the default) means everyone. */
  requiredRoles: z._default(z.nullable(z.array(name).check(z.maxLength(1000))), null),
  exemptions: z._default(z.array(Exemption).check(z.maxLength(10_000)), []),
  /** Seconds after the requirement starts during which a user may defer enrollment. 0: none. */
  gracePeriodSeconds: z._default(z.int().check(z.minimum(0), z.maximum(365 * DAY)), 0),
  rememberDevice: z.prefault(RememberDevice, {}),
  totp: z.prefault(TotpParameters, {}),
  lockout: z.prefault(Lockout, {}),
  recoveryCodes: z.prefault(RecoveryCodes, {}),
  /** How long a pending enrollment (an unconfirmed secret) lives. */
  enrollmentTtlSeconds: z._default(z.int().check(z.minimum(60), z.maximum(DAY)), 600),
  /**
   * The longest a verification counts: after it the session must pass a code again (S43).
   * 12 hours by default, the reauthentication limit of NIST SP 800-63B for AAL2.
   */
  verificationLifetimeSeconds: z._default(z.int().check(z.minimum(60), z.maximum(30 * DAY)), 12 * 3600),
});
/** A complete policy, defaults filled in (what {@link parsePolicy} returns). */
export type Policy = z.infer<typeof Policy>;
/** A policy as written by a host: every option may be left out. */
export type PolicyInput = z.input<typeof Policy>;
/** The TOTP parameters of a policy: algorithm, digits, period and window. */
export type TotpParameters = z.infer<typeof TotpParameters>;
/** The lockout options of a policy: threshold, delays and hard limit. */
export type LockoutPolicy = z.infer<typeof Lockout>;

/**
 * Validates a policy and fills in defaults.
 * @throws TotpGateError `bad-request` naming the first offending option.
 * @example const policy = parsePolicy({ gracePeriodSeconds: 7 * 86400 })
 */
export function parsePolicy(input: PolicyInput | undefined = {}): Policy {
  const result = Policy.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'policy';
    throw new TotpGateError('bad-request', `Invalid TOTP Gate policy at ${where}: ${explain(issue)}.`);
  }
  return result.data;
}

/**
 * Says what a policy option must be. `zod/mini` ships no message catalogue (its messages are all
 * "Invalid input"), so the issue's own facts are turned into words here, server-side only.
 */
function explain(issue: z.core.$ZodIssue | undefined): string {
  switch (issue?.code) {
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'a whole number' : `of type ${issue.expected}`}`;
    case 'invalid_format':
      return `must be ${issue.format === 'datetime' ? 'an ISO 8601 time' : `a ${issue.format}`}`;
    default:
      return issue?.message.replace(/\.$/, '') ?? 'invalid';
  }
}

/** Facts about one user and their current session, as the server knows them. */
export interface PolicySubject {
  /** The user's id, matched against `Exemption.userId`. */
  userId: string;
  /** The user's roles, matched against `requiredRoles` and `Exemption.role`. */
  roles?: readonly string[];
  /** Whether an active (confirmed) TOTP factor exists. */
  enrolled: boolean;
  /** When TOTP became required for this user; the grace period counts from here. */
  requiredSince?: Date | string | null;
  /** Exemptions kept for this user outside the policy (e.g. granted by an admin). */
  exemptions?: readonly Exemption[];
  /** Consecutive failed codes for this account, across all sessions. */
  failures?: number;
  /** When the last of those failures happened; the lock delay counts from here. */
  lastFailureAt?: Date | string | null;
  /** The current session's standing. */
  session?: {
    verified?: boolean;
    deferred?: boolean;
    /** Until when a remembered device skips the code; honoured only if the policy enables it. */
    rememberedUntil?: Date | string | null;
  };
}

/** What the policy says about a subject now. */
export interface PolicyDecision {
  /**
   * - `enroll`: must set up TOTP before going on (unless `canDefer`).
   * - `challenge`: must enter a code.
   * - `open`: may go on (not covered, verified this session, remembered device, or deferred in grace).
   * - `exempt`: may go on because of an explicit exemption (see `exemption`).
   * - `locked`: too many failures; wait until `retryAt`, or for an administrator when it is absent.
   */
  decision: 'enroll' | 'challenge' | 'open' | 'exempt' | 'locked';
  /** Why, for logs and audit events. */
  reason:
    | 'not-required'
    | 'exempt'
    | 'verified'
    | 'remembered-device'
    | 'deferred'
    | 'not-enrolled'
    | 'grace-period'
    | 'enrolled'
    | 'locked'
    | 'locked-until-reset'
    | 'recovery-window';
  /** When the grace period ends (or ended), when there is one. */
  graceEndsAt?: Date;
  /** When a timed lock ends; absent when only an administrator can unlock. */
  retryAt?: Date;
  /** Whether the user may put enrollment off now (inside the grace period). */
  canDefer: boolean;
  /** The exemption that applied, for `exempt`. */
  exemption?: { reason: string; expiresAt: Date | null };
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * When a lock ends: `null` when not locked by the count, `'reset'` when only an administrator
 * can unlock (the hard limit), otherwise the end of the timed lock. The delay doubles with each
 * failure past the threshold, up to `maxDelaySeconds`.
 */
export function lockedUntil(
  lockout: LockoutPolicy,
  failures: number,
  lastFailureAt: Date | string | null | undefined,
): Date | 'reset' | null {
  if (failures >= lockout.hardLimit) return 'reset';
  if (failures < lockout.threshold) return null;
  const last = toDate(lastFailureAt);
  if (last === null) return null;
  const exponent = Math.min(failures - lockout.threshold, 30);
  const delay = Math.min(lockout.baseDelaySeconds * 2 ** exponent, lockout.maxDelaySeconds);
  return new Date(last.getTime() + delay * 1000);
}

/** Failures left before the next lock (0 when locked). */
export function attemptsLeft(lockout: LockoutPolicy, failures: number): number {
  if (failures >= lockout.hardLimit) return 0;
  if (failures >= lockout.threshold) return 1;
  return lockout.threshold - failures;
}

function activeExemption(policy: Policy, subject: PolicySubject, now: Date): Exemption | undefined {
  const roles = subject.roles ?? [];
  const all = [...policy.exemptions, ...(subject.exemptions ?? [])];
  return all.find((e) => {
    const matches =
      (e.userId !== undefined && e.userId === subject.userId) || (e.role !== undefined && roles.includes(e.role));
    if (!matches) return false;
    if (e.expiresAt === null || e.expiresAt === undefined) return true;
    // An end that cannot be read counts as passed: a typo must not make an exemption permanent.
    const ends = toDate(e.expiresAt);
    return ends !== null && now.getTime() < ends.getTime();
  });
}

/**
 * Decides what one user must do now. Pure: the same inputs always give the same answer.
 *
 * Order: not covered → open; explicit exemption → exempt; this session verified (or a
 * remembered device, if enabled) → open; deferred inside the grace period → open;
 * too many failures → locked; enrolled → challenge; otherwise enroll, with `canDefer`
 * while the grace period lasts. An exemption past its `expiresAt` is ignored (S31), and
 * the grace period ends exactly at `requiredSince + gracePeriodSeconds` (S32).
 *
 * @example
 * evaluatePolicy(parsePolicy({}), { userId: 'u1', enrolled: false }, new Date())
 * // → { decision: 'enroll', reason: 'not-enrolled', canDefer: false }
 */
export function evaluatePolicy(policy: Policy, subject: PolicySubject, now: Date): PolicyDecision {
  const roles = subject.roles ?? [];
  if (policy.requiredRoles !== null && !policy.requiredRoles.some((r) => roles.includes(r))) {
    return { decision: 'open', reason: 'not-required', canDefer: false };
  }

  const exemption = activeExemption(policy, subject, now);
  if (exemption) {
    return {
      decision: 'exempt',
      reason: 'exempt',
      canDefer: false,
      exemption: { reason: exemption.reason, expiresAt: toDate(exemption.expiresAt) },
    };
  }

  const session = subject.session ?? {};
  if (session.verified === true && subject.enrolled) {
    return { decision: 'open', reason: 'verified', canDefer: false };
  }
  const remembered = toDate(session.rememberedUntil);
  if (policy.rememberDevice.enabled && subject.enrolled && remembered && now < remembered) {
    return { decision: 'open', reason: 'remembered-device', canDefer: false };
  }

  const since = toDate(subject.requiredSince);
  const graceEndsAt =
    policy.gracePeriodSeconds > 0 && since ? new Date(since.getTime() + policy.gracePeriodSeconds * 1000) : undefined;
  const inGrace = !subject.enrolled && graceEndsAt !== undefined && now.getTime() < graceEndsAt.getTime();

  if (inGrace && session.deferred === true) {
    return { decision: 'open', reason: 'deferred', canDefer: false, graceEndsAt: graceEndsAt! };
  }

  const lock = lockedUntil(policy.lockout, subject.failures ?? 0, subject.lastFailureAt);
  if (lock === 'reset') {
    return { decision: 'locked', reason: 'locked-until-reset', canDefer: false };
  }
  if (lock !== null && now.getTime() < lock.getTime()) {
    return { decision: 'locked', reason: 'locked', canDefer: false, retryAt: lock };
  }

  if (subject.enrolled) return { decision: 'challenge', reason: 'enrolled', canDefer: false };
  if (inGrace) return { decision: 'enroll', reason: 'grace-period', canDefer: true, graceEndsAt: graceEndsAt! };
  return graceEndsAt
    ? { decision: 'enroll', reason: 'not-enrolled', canDefer: false, graceEndsAt }
    : { decision: 'enroll', reason: 'not-enrolled', canDefer: false };
}
