/**
 * Audit events (S27). Each says what happened, when, to whom and in which session, and how it
 * ended. None ever carries a secret, an otpauth URI, a TOTP code or a recovery code (S35): the
 * fields below are all there is.
 */

/** Every event type the service emits. */
export type AuditEventType =
  | 'enrollment-started'
  | 'enrollment-started-elsewhere'
  | 'enrollment-confirmed'
  | 'verified'
  | 'verify-failed'
  | 'locked'
  | 'recovery-code-used'
  | 'recovery-codes-regenerated'
  | 'deferred'
  | 'exemption-applied'
  | 'admin-reset'
  | 'admin-unlock'
  | 'admin-exemption-granted'
  | 'admin-exemption-changed'
  | 'admin-exemption-revoked'
  | 'admin-factor-imported'
  | 'admin-policy-override'
  | 'factor-adding'
  | 'factor-added'
  | 'factor-renamed'
  | 'factor-removed'
  | 'signed-out-others'
  | 'device-remembered'
  | 'device-recognised'
  | 'device-revoked';

/** One audit event. Serialise it as it is; nothing in it is secret. */
export interface AuditEvent {
  type: AuditEventType;
  /** ISO 8601 time (UTC) from the service's clock. */
  at: string;
  userId: string;
  /** The host's session id; null for administrator actions. */
  sessionId: string | null;
  outcome: 'success' | 'failure';
  /** Where it happened: enrollment confirm, sign-in, recovery-code sign-in, recovery-code regeneration. */
  stage?: 'enrollment' | 'sign-in' | 'recovery' | 'regenerate';
  /** Why a failure failed: `invalid-code`, `code-reused`, `locked`, `enrollment-expired`. */
  reason?: string;
  /** After a failure: failures left before a lock. */
  attemptsLeft?: number;
  /** For `locked`: when the lock ends (ISO), or null when only an administrator can unlock. */
  lockedUntil?: string | null;
  /** For `enrollment-started`: whether a pending enrollment was resumed rather than created. */
  resumed?: boolean;
  /**
   * For `enrollment-started-elsewhere`: how many other sessions of the user have an enrollment
   * pending. Emitted (after `enrollment-started`) when a session starts an enrollment while
   * another session's is still pending: worth an alert, since whoever knows the password could
   * be enrolling an authenticator of their own (S42).
   */
  otherSessions?: number;
  /** After recovery-code use or regeneration: unused codes left. */
  recoveryCodesLeft?: number;
  /** For `exemption-applied`: the exemption's reason and end. */
  exemption?: { reason: string; expiresAt: string | null };
  /**
   * For `verified` and the account events (`factor-*`, S56): the authenticator concerned (its id,
   * never its secret). `factor-added` with `replaced` also names the one it replaced.
   */
  factorId?: string;
  /** For `factor-added`: the id of the authenticator it replaced, when it replaced one. */
  replaced?: string;
  /** For `admin-*` events: the administrator who acted, as the host's `authorize` named them. */
  adminId?: string;
  /** For `admin-*` events: why, in the administrator's words (required for every admin change). */
  adminReason?: string;
  /**
   * For `device-remembered`, `device-recognised` (a remembered device let a session in without a
   * code) and `device-revoked`: the device's id, never its token (S58).
   */
  deviceId?: string;
  /** For `signed-out-others`: how many remembered devices were forgotten with it. */
  devicesRevoked?: number;
  /** For `verified` etc. when the host rotated the session id: the new id. */
  rotatedTo?: string;
}

/** Receives audit events. It should not throw; if it does, the error is swallowed (see service). */
export type AuditSink = (event: AuditEvent) => void | Promise<void>;
