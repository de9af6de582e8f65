/**
 * The administrator's user list: every user the store has a record of, in the store's
 * `listUserIds` order, with their standing, filtered by standing, role and a search text, in
 * pages with an opaque cursor. A page reads one slice of ids (`listUserIdsAfter` where the store
 * has it) and their records in one batch (`getUsers` where the store has it), so paging through
 * 100,000 users never loads them all at once and costs two reads per page, not one per user.
 */
import type { Policy } from '@totp-gate/core';
import type { TotpStore, UserRecord } from '../stores/types.js';
import { AdminError } from './input.js';
import { adminUserOf, STANDINGS, type AdminFacts, type AdminUser, type Standing } from './standing.js';

/** What the host tells about users: facts per id; leave out the ids it does not know. */
export type FactsLookup = (
  userIds: readonly string[],
) =>
  | ReadonlyMap<string, AdminFacts>
  | Readonly<Record<string, AdminFacts>>
  | Promise<ReadonlyMap<string, AdminFacts> | Readonly<Record<string, AdminFacts>>>;

/** A list query. Every field is optional. */
export interface ListQuery {
  /** Only users in one of these standings. */
  standing?: Standing | readonly Standing[];
  /** Only users with this role (from the host's facts). */
  role?: string;
  /** Only users whose id or account contains this text (case-insensitive). */
  search?: string;
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor?: string | null;
  /** Users per page, 1 to {@link MAX_PAGE} (default 50). */
  limit?: number;
}

/** One page of the list. */
export interface ListPage {
  users: AdminUser[];
  /**
   * Pass it as `cursor` for the next page; null at the end. With a filter a page may hold fewer
   * than `limit` users (even none) and still have a next page: keep going while it is not null.
   */
  nextCursor: string | null;
}

/** The largest page. */
export const MAX_PAGE = 500;
/** With a filter, how many ids one page may read before it stops and hands back a cursor. */
const SCAN_BUDGET = 5_000;

/** Reads the host's facts for some ids as a Map. */
export async function factsFor(
  lookup: FactsLookup | undefined,
  ids: readonly string[],
): Promise<Map<string, AdminFacts>> {
  if (lookup === undefined || ids.length === 0) return new Map();
  const found = await lookup(ids);
  if (found instanceof Map) return found as Map<string, AdminFacts>;
  const map = new Map<string, AdminFacts>();
  for (const id of ids) {
    const facts = (found as Record<string, AdminFacts>)[id];
    if (facts !== undefined && Object.prototype.hasOwnProperty.call(found, id)) map.set(id, facts);
  }
  return map;
}

function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw badCursor();
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (id.length === 0 || encodeCursor(id) !== cursor) throw badCursor();
  return id;
}

const badCursor = () =>
  new AdminError('bad-request', 'cursor is not one this list handed out; start again without it.');

/** Checks a query; unknown standings, a bad limit or cursor are 400s. */
export function checkQuery(query: ListQuery): {
  standings: ReadonlySet<Standing> | null;
  role: string | null;
  search: string | null;
  after: string | null;
  limit: number;
} {
  const wanted = query.standing === undefined ? [] : Array.isArray(query.standing) ? query.standing : [query.standing];
  for (const standing of wanted) {
    if (!STANDINGS.includes(standing as Standing)) {
      throw new AdminError('bad-request', `standing must be one of ${STANDINGS.join(', ')}.`);
    }
  }
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new AdminError('bad-request', `limit must be a whole number from 1 to ${MAX_PAGE}.`);
  }
  for (const field of ['role', 'search'] as const) {
    const value = query[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > 256)) {
      throw new AdminError('bad-request', `${field} must be text of at most 256 characters.`);
    }
  }
  return {
    standings: wanted.length ? new Set(wanted as Standing[]) : null,
    role: query.role || null,
    search: query.search ? query.search.toLowerCase() : null,
    after: query.cursor == null || query.cursor === '' ? null : decodeCursor(query.cursor),
    limit,
  };
}

/** The ids after `after`, at most `limit`, from the store's pager or its full list. */
export async function idsAfter(store: TotpStore, after: string | null, limit: number): Promise<string[]> {
  if (store.listUserIdsAfter) return store.listUserIdsAfter(after, limit);
  const all = await store.listUserIds();
  const start = after === null ? 0 : all.indexOf(after) + 1;
  // A cursor whose user was deleted meanwhile: go on from the first id past it.
  const from = after !== null && start === 0 ? all.findIndex((id) => id > after) : start;
  return from < 0 ? [] : all.slice(from, from + limit);
}

/**
 * The records of `ids` in that order (null where there is none): one batch read where the store
 * has `getUsers`, otherwise one `getUser` per id.
 */
export async function recordsOf(store: TotpStore, ids: readonly string[]): Promise<(UserRecord | null)[]> {
  if (ids.length === 0) return [];
  if (!store.getUsers) return Promise.all(ids.map((id) => store.getUser(id)));
  const records = await store.getUsers(ids);
  // A store that answers for other ids than asked must not shift records onto the wrong users.
  if (!Array.isArray(records) || records.length !== ids.length) {
    throw new Error(
      `getUsers answered ${Array.isArray(records) ? records.length : 'no'} records for ${ids.length} ids`,
    );
  }
  return records;
}

/** One page of the list under `policy` at `nowMs`. */
export async function listUsers(
  store: TotpStore,
  policy: Policy,
  nowMs: number,
  query: ListQuery,
  lookup: FactsLookup | undefined,
): Promise<ListPage> {
  const { standings, role, search, after, limit } = checkQuery(query);
  const filtered = standings !== null || role !== null || search !== null;
  const users: AdminUser[] = [];
  let cursor = after;
  let scanned = 0;
  for (;;) {
    const batch = filtered ? Math.max(limit, 200) : limit - users.length;
    const ids = await idsAfter(store, cursor, batch);
    const [records, facts] = await Promise.all([recordsOf(store, ids), factsFor(lookup, ids)]);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      cursor = id;
      scanned++;
      const record = records[i] ?? null;
      if (record === null) continue;
      const user = adminUserOf(policy, id, record, facts.get(id) ?? null, nowMs);
      if (standings !== null && !standings.has(user.standing)) continue;
      if (role !== null && !user.roles.includes(role)) continue;
      if (search !== null && !matches(user, search)) continue;
      users.push(user);
      if (users.length === limit) {
        // More may follow: the next page starts after this user (one empty last page at worst).
        return { users, nextCursor: i === ids.length - 1 && ids.length < batch ? null : encodeCursor(id) };
      }
    }
    if (ids.length < batch) return { users, nextCursor: null };
    if (scanned >= SCAN_BUDGET) return { users, nextCursor: encodeCursor(cursor!) };
  }
}

function matches(user: AdminUser, search: string): boolean {
  return user.userId.toLowerCase().includes(search) || (user.account?.toLowerCase().includes(search) ?? false);
}
