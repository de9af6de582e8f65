/**
 * `redisStore(pool | url)` at `@totp-gate/server/redis`: a store shared by every app server, on
 * node-redis 5 (`redis`, an optional peer dependency).
 *
 * `WATCH` belongs to a connection, so `updateUser` borrows a connection of its own from a client
 * pool (`createClientPool`; a shared connection would interleave transactions): `WATCH` + `GET`,
 * `change`, then `MULTI` / `SET` (or `DEL`) / `EXEC`. `EXEC` answers null when another process
 * wrote the record in between; then `change` (pure) runs again on the new record, a bounded
 * number of times, and past that bound the update fails closed with
 * {@link StoreUnavailableError}. The replay check (S14) and failure count (S21) hold across
 * processes (S48).
 *
 * Keys (prefix `totp:` by default): `totp:{<userId>}:user` (JSON, without the failure counter),
 * `totp:{<userId>}:failures` (the counter, `[failures, lastFailureAt]`, apart so that a wrong code
 * writes a few bytes, not the record: S85) and `totp:{<userId>}:sessions` (the user's session ids)
 * share the hash slot of `{<userId>}`, so a user's transaction never crosses slots on Redis
 * Cluster; `totp:session:{<sessionId>}` (JSON, expiring at `expiresAt`
 * through `PXAT`); `totp:users`, a sorted set of user ids for `listUserIds`.
 *
 * One file past 300 lines because the optimistic transaction, the key layout and the batch reads
 * that must agree with it (`getUsers`, the listings) are one piece: a key added in one place and
 * not the others would lose data, as the counter key nearly did when the batch read first read
 * only the records.
 */
import { randomInt } from 'node:crypto';
import { createClientPool } from 'redis';
import { changesOnlyCounter, joinCounter, splitCounter, type FailureCounter } from './counter.js';
import { DecodedRecords } from './decoded.js';
import { StoreUnavailableError } from './types.js';
import type { SessionRecord, TotpStore, UserChange, UserRecord } from './types.js';

/** One connection: what the store sends through it (every node-redis 5 client has this). */
export interface RedisConnection {
  sendCommand(args: string[]): Promise<unknown>;
}

/** A node-redis 5 client pool (`createClientPool`), or anything that lends connections the same way. */
export interface RedisPool extends RedisConnection {
  execute<T>(task: (connection: RedisConnection) => T | Promise<T>): Promise<T>;
  close?(): Promise<unknown>;
}

/** Options for {@link redisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key (default `totp:`); no `{` or `}`. */
  prefix?: string;
  /** How many times `updateUser` runs `change` before it gives up (default 100). */
  maxAttempts?: number;
  /** How long `updateUser` keeps retrying after a conflict, in ms (default 2000). */
  retryForMs?: number;
  /** With a URL: how long the first request waits for the connection, in ms (default 2000). */
  connectTimeoutMs?: number;
  /**
   * How many users' decoded records the store keeps, so that a wrong code does not parse the
   * whole record again (S86): default 10,000, about 3.5 kB each (some 35 MB at 10,000); 0 keeps
   * none. A kept record is used only while the stored text is the same.
   */
  decodedRecords?: number;
}

function unavailable(error: unknown): StoreUnavailableError | null {
  if (error instanceof StoreUnavailableError) return error;
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  const network = typeof code === 'string' && /^E(CONN|TIMEDOUT|PIPE|NOTFOUND|AI_AGAIN|HOSTUNREACH)/.test(code);
  const message = error instanceof Error ? error.message : '';
  if (
    network ||
    /Closed|Offline|Timeout|Disconnects|SocketClosed|Reconnect/.test(name) ||
    /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|NOREPLICAS)\b/.test(message) ||
    /acquire|timed? ?out/i.test(message)
  ) {
    return new StoreUnavailableError('Redis could not answer in time.', { cause: error });
  }
  return null;
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw unavailable(error) ?? error;
  }
}

const parse = <T>(raw: unknown): T | null => (typeof raw === 'string' ? (JSON.parse(raw) as T) : null);

/** The value of a user's counter key. */
const encodeCounter = (counter: FailureCounter): string => JSON.stringify([counter.failures, counter.lastFailureAt]);

/**
 * The record of a user's two keys, as `MGET <user> <failures>` answers them: the JSON with the
 * counter from its own key (S85), or from the JSON when that key is missing (a record written
 * before the counter had a key of its own). What every read of a user goes through.
 */
function userOf(data: unknown, counter: unknown): UserRecord | null {
  const record = parse<UserRecord>(data);
  return record === null ? null : joinCounter(record, ...counterOf(counter));
}

/** The counter key's value as `[failures, lastFailureAt]`; `[null, null]` when the key is missing. */
function counterOf(raw: unknown): [number | null, number | null] {
  return parse<[number, number | null]>(raw) ?? [null, null];
}

/** {@link userOf} through the store's decoded records (S86): the JSON is parsed only when it changed. */
function keptUserOf(decoded: DecodedRecords, userId: string, data: unknown, counter: unknown): UserRecord | null {
  return typeof data === 'string' ? decoded.user(userId, data, ...counterOf(counter)) : null;
}

/**
 * A store in Redis. Pass a client pool (`createClientPool(...)`, yours: `close()` leaves it
 * open) or a `redis://` URL (the store's own pool of at most 16 connections, which fails fast
 * while Redis is unreachable instead of queueing commands; `close()` closes it).
 *
 * @example
 * import { redisStore } from '@totp-gate/server/redis'
 * const store = redisStore(process.env.REDIS_URL!)
 */
export function redisStore(redis: RedisPool | string, options: RedisStoreOptions = {}): TotpStore {
  const prefix = options.prefix ?? 'totp:';
  if (/[{}]/.test(prefix)) throw new TypeError('The Redis key prefix must not contain { or }');
  const maxAttempts = options.maxAttempts ?? 100;
  const retryForMs = options.retryForMs ?? 2_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  // The records this store decoded (S86); listings (getUsers) decode without it.
  const decoded = new DecodedRecords(options.decodedRecords);
  const owned = typeof redis === 'string';
  const pool: RedisPool = owned
    ? (createClientPool(
        {
          url: redis,
          disableOfflineQueue: true,
          socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000) },
        },
        { maximum: 16, acquireTimeout: 2_000 },
      ) as unknown as RedisPool)
    : redis;
  if (owned) (pool as unknown as { on(event: string, listener: () => void): void }).on('error', () => undefined);

  // The store's own pool connects in the background. Until it is connected, and while Redis is
  // unreachable later, commands fail at once (no offline queue) rather than wait: fail closed.
  let isReady = !owned;
  const opening: Promise<unknown> = owned
    ? (pool as unknown as { connect(): Promise<unknown> }).connect().then(() => (isReady = true))
    : Promise.resolve();
  opening.catch(() => undefined);
  // The first commands wait for the connection, up to connectTimeoutMs, all on the same wait (a
  // burst right after start must not fail while one command waits); later ones fail at once.
  let firstWait: Promise<unknown> | null = null;
  let waitOver = false;
  async function connected(): Promise<void> {
    if (isReady) return;
    if (!waitOver) {
      if (!firstWait) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise((resolve) => (timer = setTimeout(resolve, connectTimeoutMs)));
        firstWait = Promise.race([opening, late])
          .catch(() => undefined)
          .finally(() => {
            clearTimeout(timer);
            waitOver = true;
          });
      }
      await firstWait;
      if (isReady) return;
    }
    throw new StoreUnavailableError('Redis is not connected.');
  }

  const userKey = (userId: string) => `${prefix}{${userId}}:user`;
  const counterKey = (userId: string) => `${prefix}{${userId}}:failures`;
  const userSessionsKey = (userId: string) => `${prefix}{${userId}}:sessions`;
  const sessionKey = (sessionId: string) => `${prefix}session:{${sessionId}}`;
  const usersKey = `${prefix}users`;

  async function send(args: string[]): Promise<unknown> {
    await connected();
    return guarded(() => pool.sendCommand(args));
  }

  /** Sends `commands` pipelined through one connection: one round trip instead of one each. */
  async function sendAll(commands: string[][]): Promise<unknown[]> {
    if (commands.length === 0) return [];
    await connected();
    return guarded(() =>
      pool.execute((connection) => Promise.all(commands.map((args) => connection.sendCommand(args)))),
    );
  }

  /** One optimistic attempt on `connection`: the result, or `conflict` when EXEC was refused. */
  async function attempt<T>(
    connection: RedisConnection,
    userId: string,
    change: (current: UserRecord | null) => UserChange<T>,
  ): Promise<{ result: T } | 'conflict'> {
    const key = userKey(userId);
    const counter = counterKey(userId);
    const [, replies] = await Promise.all([
      connection.sendCommand(['WATCH', key, counter]),
      connection.sendCommand(['MGET', key, counter]),
    ]);
    const [data, counted] = replies as [unknown, unknown];
    const current = keptUserOf(decoded, userId, data, counted);
    let changed: UserChange<T>;
    try {
      changed = change(current);
    } catch (error) {
      await connection.sendCommand(['UNWATCH']);
      throw error;
    }
    const { next, result } = changed;
    if (next === undefined) {
      await connection.sendCommand(['UNWATCH']);
      return { result };
    }
    // A new user enters the index before its record exists, so a listed id is never missing.
    if (current === null && next !== null) await connection.sendCommand(['ZADD', usersKey, '0', userId]);
    let writes: string[][];
    if (next === null) writes = [['DEL', key, counter]];
    else if (changesOnlyCounter(current, next)) writes = [['SET', counter, encodeCounter(next)]];
    else {
      const split = splitCounter(next);
      writes = [
        ['SET', key, JSON.stringify(split.rest)],
        ['SET', counter, encodeCounter(split.counter)],
      ];
    }
    const replied = await Promise.all([
      connection.sendCommand(['MULTI']),
      ...writes.map((write) => connection.sendCommand(write)),
      connection.sendCommand(['EXEC']),
    ]);
    const executed = replied[replied.length - 1];
    if (executed === null) return 'conflict';
    if (next === null) {
      decoded.forget(userId);
      await connection.sendCommand(['ZREM', usersKey, userId]);
      // A concurrent update may have created the user again between our EXEC and ZREM.
      if ((await connection.sendCommand(['EXISTS', key])) === 1)
        await connection.sendCommand(['ZADD', usersKey, '0', userId]);
    } else if (current === null) {
      await connection.sendCommand(['ZADD', usersKey, '0', userId]);
    }
    return { result };
  }

  async function updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T> {
    await connected();
    return guarded(() =>
      pool.execute(async (connection) => {
        const deadline = Date.now() + retryForMs; // from the moment a connection is ours
        for (let tries = 1; tries <= maxAttempts; tries++) {
          const outcome = await attempt(connection, userId, change);
          if (outcome !== 'conflict') return outcome.result;
          if (Date.now() >= deadline) break;
          // Jitter, so the processes that lost do not all retry in the same instant.
          await new Promise((resolve) => setTimeout(resolve, randomInt(0, Math.min(2 ** tries, 20) + 1)));
        }
        throw new StoreUnavailableError('Too many concurrent updates of one user in Redis.');
      }),
    );
  }

  return {
    async getUser(userId) {
      const [data, counter] = (await send(['MGET', userKey(userId), counterKey(userId)])) as [unknown, unknown];
      return keptUserOf(decoded, userId, data, counter);
    },
    async getUsers(userIds) {
      // One MGET, one round trip. (The keys of different users hash to different slots: a pool
      // that routes commands over Redis Cluster would have to split it per slot.)
      if (userIds.length === 0) return [];
      const raws = (await send(['MGET', ...userIds.flatMap((id) => [userKey(id), counterKey(id)])])) as unknown[];
      return userIds.map((_, i) => userOf(raws[2 * i], raws[2 * i + 1]));
    },
    updateUser,
    async getSession(sessionId) {
      return parse<SessionRecord>(await send(['GET', sessionKey(sessionId)]));
    },
    async putSession(record) {
      const set = ['SET', sessionKey(record.sessionId), JSON.stringify(record)];
      if (record.expiresAt !== undefined) set.push('PXAT', String(Math.max(1, Math.ceil(record.expiresAt))));
      await send(set);
      const score = record.expiresAt === undefined ? '+inf' : String(record.expiresAt);
      await send(['ZADD', userSessionsKey(record.userId), score, record.sessionId]);
      // Ids of sessions that expired by now can go; keeps the per-user index from growing.
      await send(['ZREMRANGEBYSCORE', userSessionsKey(record.userId), '-inf', `(${Date.now()}`]);
    },
    async deleteSession(sessionId) {
      await send(['DEL', sessionKey(sessionId)]);
    },
    async deleteSessionsOf(userId) {
      const ids = (await send(['ZRANGE', userSessionsKey(userId), '0', '-1'])) as string[];
      for (const id of ids) {
        const record = parse<SessionRecord>(await send(['GET', sessionKey(id)]));
        // A session that moved to another user since is that user's now.
        if (record?.userId === userId) await send(['DEL', sessionKey(id)]);
      }
      await send(['DEL', userSessionsKey(userId)]);
    },
    async sweep(now) {
      // Redis deletes expired session keys itself (PXAT); this catches what its clock has not
      // reached yet when `now` is ahead of it.
      let deleted = 0;
      let cursor = '0';
      do {
        const [nextCursor, keys] = (await send(['SCAN', cursor, 'MATCH', `${prefix}session:*`, 'COUNT', '500'])) as [
          string,
          string[],
        ];
        cursor = nextCursor;
        for (const key of keys) {
          const record = parse<SessionRecord>(await send(['GET', key]));
          if (record?.expiresAt !== undefined && record.expiresAt <= now) deleted += Number(await send(['DEL', key]));
        }
      } while (cursor !== '0');
      return deleted;
    },
    async listUserIds() {
      const ids = (await send(['ZRANGE', usersKey, '0', '-1'])) as string[];
      const exists = await sendAll(ids.map((id) => ['EXISTS', userKey(id)]));
      return ids.filter((_, i) => exists[i] === 1);
    },
    async listUserIdsAfter(after, limit) {
      // Every member has score 0, so the set's order is byte order and BYLEX pages through it.
      // A member whose record is gone (a delete racing its ZREM) is skipped, and the page refilled.
      const found: string[] = [];
      let cursor = after;
      while (found.length < limit) {
        const want = limit - found.length;
        const start = cursor === null ? '-' : `(${cursor}`;
        const ids = (await send(['ZRANGE', usersKey, start, '+', 'BYLEX', 'LIMIT', '0', String(want)])) as string[];
        const exists = await sendAll(ids.map((id) => ['EXISTS', userKey(id)]));
        found.push(...ids.filter((_, i) => exists[i] === 1));
        if (ids.length < want) break;
        cursor = ids[ids.length - 1]!;
      }
      return found;
    },
    async close() {
      if (!owned) return;
      if (isReady) await pool.close?.();
      else (pool as unknown as { destroy(): void }).destroy();
    },
  };
}
