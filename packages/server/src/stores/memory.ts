/**
 * `memoryStore()`: keeps everything in this process. For tests, demos and single-process
 * deployments that accept losing state on restart; use `sqliteStore` or a shared store otherwise.
 */
import type { SessionRecord, TotpStore, UserChange, UserRecord } from './types.js';

/**
 * Freezes a record (and its parts) instead of copying it on every read: nobody can change stored
 * state through a reference, and the hot path allocates nothing for it. Parts shared with an
 * earlier record are frozen already.
 */
function freeze(record: UserRecord): UserRecord {
  if (record.factor) Object.freeze(record.factor);
  if (record.pending) Object.freeze(record.pending);
  Object.freeze(record.recoveryHashes);
  return Object.freeze(record);
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

  return {
    async getUser(userId) {
      return users.get(userId) ?? null;
    },
    async updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T> {
      const { next, result } = change(users.get(userId) ?? null);
      if (next === null) users.delete(userId);
      else if (next !== undefined) users.set(userId, freeze(next));
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
    async listUserIds() {
      return [...users.keys()].sort();
    },
  };
}
