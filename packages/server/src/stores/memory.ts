/**
 * `memoryStore()`: keeps everything in this process. For tests, demos and single-process
 * deployments that accept losing state on restart; use `sqliteStore` or a shared store otherwise.
 */
import type { SessionRecord, TotpStore, UserChange, UserRecord } from './types.js';

/**
 * A deep frozen copy of a JSON value, so nobody can change stored state through a reference and
 * reads can hand out the stored object without copying. Records are the service's JSON (their
 * shape is not the store's business), so the copy walks whatever fields there are. Parts that
 * are frozen already (shared with an earlier stored record) are kept as they are.
 */
function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) copy[key] = frozenCopy(field);
  }
  return Object.freeze(copy) as T;
}

/**
 * A store in process memory. Records it hands out are frozen.
 *
 * Atomicity: `change` is synchronous (the store interface requires it), and JavaScript never
 * interleaves other code into a synchronous call, so read, check and write of one update happen
 * with nothing in between: the replay check (S14) and the failure count (S21) hold without a lock.
 * A promise-chain mutex would only matter for an asynchronous `change`, and would cost every
 * verification several promise allocations for nothing.
 *
 * @example const service = createTotpService({ store: memoryStore(), ... })
 */
export function memoryStore(): TotpStore {
  const users = new Map<string, UserRecord>();
  const sessions = new Map<string, SessionRecord>();
  /** The user ids in order, rebuilt only after a user was added or removed. */
  let sorted: string[] | null = null;
  const sortedIds = (): string[] => (sorted ??= [...users.keys()].sort());

  return {
    async getUser(userId) {
      return users.get(userId) ?? null;
    },
    async getUsers(userIds) {
      return userIds.map((userId) => users.get(userId) ?? null);
    },
    async updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T> {
      const { next, result } = change(users.get(userId) ?? null);
      if (next === null) {
        if (users.delete(userId)) sorted = null;
      } else if (next !== undefined) {
        if (!users.has(userId)) sorted = null;
        users.set(userId, frozenCopy(next));
      }
      return result;
    },
    async getSession(sessionId) {
      const record = sessions.get(sessionId);
      return record ? { ...record } : null;
    },
    async putSession(record) {
      sessions.set(record.sessionId, { ...record });
    },
    async deleteSession(sessionId) {
      sessions.delete(sessionId);
    },
    async deleteSessionsOf(userId) {
      for (const [id, record] of sessions) if (record.userId === userId) sessions.delete(id);
    },
    async sweep(now) {
      let deleted = 0;
      for (const [id, record] of sessions) {
        if (record.expiresAt !== undefined && record.expiresAt <= now) {
          sessions.delete(id);
          deleted++;
        }
      }
      return deleted;
    },
    async listUserIds() {
      return [...sortedIds()];
    },
    async listUserIdsAfter(after, limit) {
      const ids = sortedIds();
      let start = 0;
      if (after !== null) {
        // Binary search for the first id past the cursor, in the same order as listUserIds.
        let high = ids.length;
        while (start < high) {
          const middle = (start + high) >>> 1;
          if (ids[middle]! <= after) start = middle + 1;
          else high = middle;
        }
      }
      return ids.slice(start, start + limit);
    },
  };
}
