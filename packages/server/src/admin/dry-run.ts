/**
 * The dry run: what a candidate policy would do to every user on a date (who would be blocked,
 * who would be in grace, who exempt), read from the store and the host's facts, changing
 * nothing. And the self-lockout guard: a policy under which no administrator could get past the
 * gate without enrolling on the spot is refused unless the caller overrides it with a reason.
 */
import { parsePolicy, TotpGateError, type Policy, type PolicyInput } from '@totp-gate/core';
import type { TotpStore } from '../stores/types.js';
import { AdminError, checkAct, type AdminAct } from './input.js';
import { factsFor, idsAfter, recordsOf, type FactsLookup } from './list.js';
import { adminUserOf, STANDINGS, type AdminFacts, type Standing } from './standing.js';

/** A user the host names for a dry run: an id, or an id with facts. */
export type DryRunUser = string | ({ userId: string } & AdminFacts);

/** Who counts as an administrator for the guard. */
export interface Administrators {
  /** Users with one of these roles (default `['admin']`). */
  roles?: readonly string[];
  /** And these users. */
  userIds?: readonly string[];
}

/** What to try. */
export interface DryRunInput {
  /**
   * The candidate policy, as written for `createTotpService`. What it leaves out is the service's
   * own policy (a nested option such as `lockout` is merged key by key), so "require TOTP for
   * `contractor` with 7 days of grace" is judged with the lockout and TOTP settings in force.
   */
  policy: PolicyInput | Policy;
  /** The date to judge at (ISO 8601 or Date); default now. */
  at?: string | Date;
  /**
   * The host's users. Without it: every user the store has a record of, with the facts lookup's
   * roles. Pass it to include users who never reached TOTP Gate.
   */
  users?: Iterable<DryRunUser> | AsyncIterable<DryRunUser>;
  administrators?: Administrators;
  /** How many ids each group lists at most (default 100; the counts are always complete). */
  listLimit?: number;
}

/** The self-lockout guard's finding. */
export interface LockoutGuard {
  /** True when administrators exist and every one of them would be blocked (must enroll or locked). */
  tripped: boolean;
  administrators: number;
  /** Administrators who could get in (enrolled, exempt, in grace, deferred or not covered). */
  canSignIn: number;
  /** The administrators who would be blocked (at most `listLimit`). */
  blocked: string[];
}

/** What a candidate policy would do. Nothing in it is secret. */
export interface DryRunResult {
  at: string;
  total: number;
  counts: Record<Standing, number>;
  /** Must enroll and cannot defer: blocked at their next sign-in until they enroll. */
  blocked: string[];
  /** Still inside the grace period (deferred or not), with its end. */
  inGrace: { userId: string; graceEndsAt: string | null }[];
  exempt: { userId: string; reason: string; expiresAt: string | null }[];
  locked: string[];
  /** Whether a group's list was cut at `listLimit`. */
  truncated: boolean;
  guard: LockoutGuard;
}

const PAGE = 500;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** The candidate over the service's policy: a nested option the candidate names is merged key by key. */
function overCurrent(candidate: PolicyInput | Policy, current: Policy): PolicyInput {
  if (!isPlainObject(candidate)) return candidate as PolicyInput;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(candidate)) {
    const base = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(base) ? { ...base, ...value } : value;
  }
  return merged as PolicyInput;
}

function candidatePolicy(input: PolicyInput | Policy, current: Policy): Policy {
  try {
    return parsePolicy(overCurrent(input, current));
  } catch (error) {
    if (error instanceof TotpGateError) throw new AdminError('bad-request', error.message);
    throw error;
  }
}

function atOf(value: string | Date | undefined, nowMs: number): number {
  if (value === undefined) return nowMs;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new AdminError('bad-request', 'at must be an ISO 8601 time, e.g. 2026-03-02T08:00:00Z.');
  return ms;
}

async function* storeUsers(store: TotpStore, lookup: FactsLookup | undefined): AsyncGenerator<DryRunUser[]> {
  let after: string | null = null;
  for (;;) {
    const ids = await idsAfter(store, after, PAGE);
    if (ids.length === 0) return;
    const facts = await factsFor(lookup, ids);
    yield ids.map((userId) => ({ userId, ...facts.get(userId) }));
    if (ids.length < PAGE) return;
    after = ids[ids.length - 1]!;
  }
}

async function* batches(users: Iterable<DryRunUser> | AsyncIterable<DryRunUser>): AsyncGenerator<DryRunUser[]> {
  let batch: DryRunUser[] = [];
  for await (const user of users) {
    batch.push(user);
    if (batch.length === PAGE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Runs a candidate policy over every user at a date. Reads only. */
export async function dryRun(
  store: TotpStore,
  nowMs: number,
  input: DryRunInput,
  lookup: FactsLookup | undefined,
  current: Policy,
): Promise<DryRunResult> {
  if (typeof input !== 'object' || input === null || input.policy === undefined) {
    throw new AdminError('bad-request', 'A dry run needs a candidate policy.');
  }
  const policy = candidatePolicy(input.policy, current);
  const at = atOf(input.at, nowMs);
  const limit = input.listLimit ?? 100;
  if (!Number.isInteger(limit) || limit < 0 || limit > 10_000) {
    throw new AdminError('bad-request', 'listLimit must be a whole number from 0 to 10000.');
  }
  const adminRoles = input.administrators?.roles ?? ['admin'];
  const adminIds = new Set(input.administrators?.userIds ?? []);
  const counts = Object.fromEntries(STANDINGS.map((standing) => [standing, 0])) as Record<Standing, number>;
  const result: DryRunResult = {
    at: new Date(at).toISOString(),
    total: 0,
    counts,
    blocked: [],
    inGrace: [],
    exempt: [],
    locked: [],
    truncated: false,
    guard: { tripped: false, administrators: 0, canSignIn: 0, blocked: [] },
  };
  const add = <T>(list: T[], item: T) => {
    if (list.length < limit) list.push(item);
    else result.truncated = true;
  };
  const source = input.users === undefined ? storeUsers(store, lookup) : batches(input.users);
  for await (const batch of source) {
    const entries = batch.map((user) => (typeof user === 'string' ? { userId: user } : user));
    for (const entry of entries) {
      if (typeof entry.userId !== 'string' || entry.userId.length === 0) {
        throw new AdminError('bad-request', 'Every user of a dry run needs a userId.');
      }
    }
    const records = await recordsOf(
      store,
      entries.map((entry) => entry.userId),
    );
    entries.forEach((entry, i) => {
      const user = adminUserOf(policy, entry.userId, records[i] ?? null, entry, at);
      result.total++;
      counts[user.standing]++;
      if (user.standing === 'must-enroll') add(result.blocked, user.userId);
      else if (user.standing === 'in-grace' || user.standing === 'deferred') {
        add(result.inGrace, { userId: user.userId, graceEndsAt: user.graceEndsAt });
      } else if (user.standing === 'exempt') {
        add(result.exempt, {
          userId: user.userId,
          reason: user.exemption!.reason,
          expiresAt: user.exemption!.expiresAt,
        });
      } else if (user.standing === 'locked') add(result.locked, user.userId);
      const isAdmin = adminIds.has(user.userId) || user.roles.some((role) => adminRoles.includes(role));
      if (!isAdmin) return;
      result.guard.administrators++;
      if (user.standing === 'must-enroll' || user.standing === 'locked') add(result.guard.blocked, user.userId);
      else result.guard.canSignIn++;
    });
  }
  result.guard.tripped = result.guard.administrators > 0 && result.guard.canSignIn === 0;
  return result;
}

/** A dry run that refuses a policy locking every administrator out, unless overridden. */
export interface PolicyCheck extends DryRunInput {
  /** Go ahead although the guard tripped: why, and who decides it (audited). */
  override?: AdminAct | null;
}

/**
 * The guard as a gate for a policy change: resolves with the dry run when at least one
 * administrator could still sign in, or when `override` gives a reason for going ahead anyway;
 * otherwise throws `lockout-guard` (409), naming the administrators who would be blocked.
 */
export async function checkPolicy(
  store: TotpStore,
  nowMs: number,
  input: PolicyCheck,
  lookup: FactsLookup | undefined,
  current: Policy,
): Promise<DryRunResult & { overridden: boolean }> {
  const override = input.override == null ? null : checkAct(input.override);
  const result = await dryRun(store, nowMs, input, lookup, current);
  if (result.guard.tripped && override === null) {
    throw new AdminError(
      'lockout-guard',
      `This policy would block every administrator (${result.guard.blocked.join(', ')}) until they enroll; ` +
        'enroll one first, exempt one, or override with a reason.',
    );
  }
  return { ...result, overridden: result.guard.tripped };
}
