/**
 * The store interface: everything the service keeps between requests, behind six methods.
 * Past 300 lines because each record field carries the documentation a store author needs.
 *
 * Two records exist. A {@link UserRecord} per user holds the factor, the pending enrollment, the
 * last accepted time step, the failure count and the recovery-code hashes. A {@link SessionRecord}
 * per first-factor session holds whether that session passed TOTP (or deferred enrollment).
 *
 * ## Writing a store for PostgreSQL, Redis or anything else
 *
 * The one hard requirement is {@link TotpStore.updateUser}: it must run `change` with exclusive
 * access to one user's record and write its result before anyone else reads that record for an
 * update. Replay protection (S13, S14) and exact failure counting (S21) rest on it.
 *
 * - PostgreSQL: `BEGIN; SELECT data FROM totp_users WHERE user_id = $1 FOR UPDATE;` (insert the
 *   row first with `ON CONFLICT DO NOTHING` so there is a row to lock), run `change`, then
 *   `UPDATE` (or `DELETE`) and `COMMIT`. Serializable isolation works too, with a retry on
 *   serialization failure.
 * - Redis: `WATCH totp:user:{id}`, `GET`, run `change`, `MULTI` / `SET` / `EXEC`, and retry when
 *   `EXEC` returns null. (A Lua script cannot call back into JavaScript, so optimistic retry is
 *   the way; `change` is pure and may safely run more than once.)
 *
 * `change` is synchronous and pure apart from its return value, so a store may call it again
 * after a conflict. Records are plain JSON-compatible objects: store them as a JSON column or
 * split them into columns, as long as a read gives back what was written.
 *
 * When the engine cannot answer in time (a locked SQLite file, a PostgreSQL lock or statement
 * timeout, Redis contention past the retry bound, a server that is down), throw
 * {@link StoreUnavailableError}: the service then answers `503` with `Retry-After` and changes
 * nothing, instead of a `500`. Failing closed is the rule: never guess a record.
 *
 * Run `runStoreContractTests` from `@totp-gate/server/testing` against your store.
 *
 * Sessions need no locking: a session record is written by one request at a time in practice,
 * and a stale write cannot unlock anything because a verified mark only counts while its
 * `generation` equals the user's (see {@link SessionRecord.generation}).
 */

/** Hash algorithm names a factor may use. */
export type FactorAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** A TOTP secret with its parameters. */
export interface FactorRecord {
  /**
   * The secret as stored: `plain:<BASE32>` or, with an `encryptionKey`, `aes-256-gcm:v1:<base64url>`
   * (see `crypto.ts`). Never sent anywhere except once, in the enrollment answer.
   */
  secret: string;
  algorithm: FactorAlgorithm;
  digits: number;
  period: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** One of a user's authenticators (several per user since S49). */
export interface StoredFactor extends FactorRecord {
  /** Random, URL-safe; what the account endpoints name it by. */
  id: string;
  /** The name the user chose ("Work phone"). Text, never markup. */
  name: string;
  /** Milliseconds since the epoch of the last code that passed from it, or null. */
  lastUsedAt: number | null;
  /** The last time step accepted for this factor; earlier or equal steps are refused for it (S13, S51). */
  lastStep: number | null;
}

/** Another authenticator being added from a verified session (S49); bound to that session. */
export interface AddingRecord extends PendingRecord {
  sessionId: string;
  name: string;
  /** The factor it replaces once confirmed ("I have a new phone"). */
  replaces?: string;
}

/** An enrollment that has not been confirmed yet (S25), in the session that started it (S42). */
export interface PendingRecord extends FactorRecord {
  /** Milliseconds since the epoch; after this the confirm answers `enrollment-expired`. */
  expiresAt: number;
  /**
   * The session that started it. No other session is ever given this secret or may confirm it
   * (S42). Absent only in the per-user pending enrollment of records written before S42.
   */
  sessionId?: string;
}

/** A recovery code that was just redeemed, kept for a while so a second copy is no guess (S47). */
export interface UsedRecoveryCode {
  /** Its stored hash, as it was in `recoveryHashes`. */
  hash: string;
  /** Milliseconds since the epoch. */
  usedAt: number;
}

/**
 * A browser where the user ticked "Don't ask again on this device" (S58). Only the token's hash
 * is kept; the token itself lives in that browser's cookie.
 */
export interface RememberedDeviceRecord {
  /** Random, URL-safe; the part of the cookie before the dot, and what `/devices/revoke` names. */
  id: string;
  /** SHA-256 of the user id and the token (base64url); compared in constant time. */
  hash: string;
  /** "Firefox on Linux", from the user agent; no secret. */
  label: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Milliseconds since the epoch; from then on the device is asked for a code again. */
  expiresAt: number;
  /** The user's `generation` when it was remembered: any later change of factors forgets it. */
  generation: number;
}

/** Everything the service keeps about one user. */
export interface UserRecord {
  userId: string;
  /**
   * The first active factor, or null when the user must enroll. Since S49 a mirror of
   * `factors[0]` kept for readers that only ask "enrolled?"; the factors themselves are in
   * {@link UserRecord.factors}. A record written before S49 has only this (and `lastStep`): it is
   * read as one factor named "Authenticator" (S54, `factors.ts`).
   */
  factor: FactorRecord | null;
  /** Every active factor, oldest first (S49). Absent in records written before S49. */
  factors?: StoredFactor[];
  /** Authenticators being added, at most one per session (S49). Absent in older records. */
  adding?: AddingRecord[];
  /**
   * Before S42: the one pending enrollment of the user, shared by all of its sessions. The service
   * no longer writes it (always null) and ignores what an old record holds: such a secret may have
   * been handed to any session, so the user simply starts again. See {@link UserRecord.enrollments}.
   */
  pending: PendingRecord | null;
  /**
   * The pending enrollments, at most one per session and a few per user, oldest first (S25, S42).
   * Absent in records written before S42.
   */
  enrollments?: PendingRecord[];
  /**
   * Before S49: the last time step accepted for the one factor. Read once by the migration into
   * that factor's own `lastStep`; the service writes null since.
   */
  lastStep: number | null;
  /** Consecutive failed codes (TOTP and recovery), across sessions (S20). */
  failures: number;
  /** Milliseconds since the epoch, or null. */
  lastFailureAt: number | null;
  /**
   * The unused recovery codes as salted scrypt hashes (`recovery.ts` has the format); records
   * written before S30 was reworded hold unsalted SHA-256 hex digests, which still verify and are
   * upgraded on the next recovery-code attempt (S30).
   */
  recoveryHashes: string[];
  /** Recovery codes redeemed in the last few minutes (S47). Absent in older records. */
  usedRecoveryCodes?: UsedRecoveryCode[];
  /** Remembered devices (S58), oldest first. Absent in older records and while none is remembered. */
  devices?: RememberedDeviceRecord[];
  /**
   * Grows by one whenever the factor changes or an administrator resets the user. A session's
   * verified mark counts only while it carries the current generation, which revokes every
   * session at once without racing a concurrent verification.
   */
  generation: number;
  /**
   * An exemption an administrator granted (`admin.grantExemption`), with why, until when and by
   * whom. Always has an end. Absent in older records and when none was granted.
   */
  exemption?: StoredExemption | null;
  /** Milliseconds since the epoch of the last time the user deferred enrollment. Absent when never. */
  deferredAt?: number | null;
}

/** An administrator's exemption kept on the user's record. */
export interface StoredExemption {
  reason: string;
  /** Milliseconds since the epoch; the exemption no longer applies from then on. */
  expiresAt: number;
  /** The administrator's id, as the host's `authorize` named them. */
  grantedBy: string;
  /** Milliseconds since the epoch of the grant (or of the last change). */
  grantedAt: number;
}

/** What the service keeps about one first-factor session. */
export interface SessionRecord {
  sessionId: string;
  /** The user this session belongs to; a mismatch with `identify()` voids the record (S29). */
  userId: string;
  /** Milliseconds since the epoch when a code last passed in this session, or null. */
  verifiedAt: number | null;
  /** The user's `generation` at that moment. */
  generation: number;
  /** Whether the user deferred enrollment in this session (inside a grace period only). */
  deferred: boolean;
  /** Milliseconds since the epoch of the last `exemption-applied` audit event for this session. */
  exemptionNotedAt: number | null;
  /**
   * Set when the session was let in by a remembered device (S58) rather than a code: the id of
   * that device. Such a session has entered no code, so it never counts as a recent one for a
   * step-up (adding or removing an authenticator, re-enrollment).
   */
  viaDevice?: string;
  /**
   * Milliseconds since the epoch when a route guarded with `maxAge` found the verification too
   * old: the session must pass a code again before anything opens (S43). Absent otherwise.
   */
  stepUpRequestedAt?: number | null;
  /**
   * Set when the session signed in with a recovery code under a policy whose
   * `recoveryCodes.afterUse` is `enroll` or `replace` (S55): until then (milliseconds since the
   * epoch) it may set up a new authenticator, and it reaches nothing else. Never verified.
   */
  mustEnrollUntil?: number;
  /**
   * Milliseconds since the epoch after which the record counts for nothing and may be deleted
   * (S45). The service sets it from the verification lifetime and the enrollment TTL; a store
   * deletes such records in {@link TotpStore.sweep} and may let its engine expire them (a Redis
   * TTL). A record written before this field existed has none and is left to the service.
   */
  expiresAt?: number;
}

/**
 * What an update function returns: `next` is the record to store (`undefined`: leave it as it
 * was, `null`: delete it), `result` is handed back to the caller.
 */
export interface UserChange<T> {
  next?: UserRecord | null;
  result: T;
}

/** Persistence for the service. See the module comment for the atomicity contract. */
export interface TotpStore {
  /** One user's record, or null. */
  getUser(userId: string): Promise<UserRecord | null>;
  /**
   * Runs `change` on the current record (null when there is none) with exclusive access to that
   * user, stores `next`, and resolves with `result`. If `change` throws, nothing is stored and the
   * promise rejects. `change` must not mutate `current` (the memory store hands out frozen
   * records); it returns a new object, which becomes the store's.
   */
  updateUser<T>(userId: string, change: (current: UserRecord | null) => UserChange<T>): Promise<T>;
  /** One session's record, or null. */
  getSession(sessionId: string): Promise<SessionRecord | null>;
  /** Creates or replaces a session record. */
  putSession(record: SessionRecord): Promise<void>;
  /** Deletes a session record (no error when missing). */
  deleteSession(sessionId: string): Promise<void>;
  /** Deletes every session of a user. */
  deleteSessionsOf(userId: string): Promise<void>;
  /**
   * Deletes every session record whose `expiresAt` is at or before `now` (milliseconds since the
   * epoch) and resolves with how many it deleted (S45). A host may run it on a timer through
   * `service.sweep()`; the service also ignores and deletes expired records when it reads them.
   */
  sweep(now: number): Promise<number>;
  /** Every user id with a record, in a stable order (used by `admin.report()`). */
  listUserIds(): Promise<string[]>;
  /**
   * At most `limit` user ids in the order of {@link TotpStore.listUserIds}, starting after
   * `after` (from the first when null), for the administrator's paged list. Optional: without it
   * the list falls back to `listUserIds()` and slices.
   */
  listUserIdsAfter?(after: string | null, limit: number): Promise<string[]>;
  /**
   * The records of `userIds` in one read (one query, one round trip), in the order asked: null
   * for an id without a record, the same record for an id asked twice. Each record reads as
   * {@link TotpStore.getUser} would give it. The administrator's list, export and dry run ask
   * for up to 500 ids at a time. Optional: without it they call `getUser` once per id.
   */
  getUsers?(userIds: readonly string[]): Promise<(UserRecord | null)[]>;
  /** Releases resources (closes the database). Optional. */
  close?(): void | Promise<void>;
}

/**
 * Thrown by a store when its engine cannot answer right now: the database is locked, a lock or
 * statement timeout passed, optimistic retries ran out, or the server is unreachable. Nothing was
 * stored. The service answers `503 unavailable` with a `Retry-After` header of
 * {@link StoreUnavailableError.retryAfter} seconds; other errors give a bare `500`.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  /** Seconds a client should wait before trying again (at least 1). */
  readonly retryAfter: number;

  constructor(message: string, options: { cause?: unknown; retryAfter?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfter = Math.max(1, Math.ceil(options.retryAfter ?? 1));
  }
}

/** Whether `error` is a {@link StoreUnavailableError}, also from another copy of this package. */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return (
    error instanceof StoreUnavailableError ||
    (error instanceof Error &&
      error.name === 'StoreUnavailableError' &&
      typeof (error as StoreUnavailableError).retryAfter === 'number')
  );
}

/** A fresh record for a user the store has never seen. */
export function emptyUser(userId: string): UserRecord {
  return {
    userId,
    factor: null,
    pending: null,
    lastStep: null,
    failures: 0,
    lastFailureAt: null,
    recoveryHashes: [],
    generation: 0,
    enrollments: [],
    usedRecoveryCodes: [],
  };
}
