/**
 * Schemas for every value that crosses the adapter boundary (REST contract v1).
 * Schema and type share one name. Built on `zod/mini` to keep the browser bundle small.
 * Every string and array has an upper bound so a hostile server cannot make the page hold megabytes.
 *
 * Leaf values (strings, whole numbers, times, enumerations, lists of codes) are `z.custom` checks
 * that carry their own JSON Schema, rather than zod's string, number, enum and array schemas with
 * their checks: that keeps all of those out of the browser bundle (about 3 kB gzip less) while
 * `z.toJSONSchema` still describes every field exactly (the docs derive their tables from it).
 */
import * as z from 'zod/mini';

// Without this, zod probes `new Function` when the first object schema is built, which a strict
// Content-Security-Policy or Trusted Types reports as a violation even though zod catches it (S38).
// The compiled fast path it enables is not worth that for answers this small.
z.config({ jitless: true });

/** A value `check` accepts, described to JSON Schema as `json`. */
function leaf<T>(check: (value: unknown) => boolean, json: Record<string, unknown>, message?: string) {
  const schema = z.custom<T>(check, message);
  schema._zod.toJSONSchema = () => json;
  return schema;
}

/** A string of `min` to `max` characters. */
const text = (max: number, min = 0) =>
  leaf<string>((v) => typeof v === 'string' && v.length >= min && v.length <= max, {
    type: 'string',
    ...(min > 0 && { minLength: min }),
    maxLength: max,
  });

/** A whole number from `min` to `max`. */
const int = (minimum: number, maximum: number) =>
  leaf<number>((v) => Number.isInteger(v) && (v as number) >= minimum && (v as number) <= maximum, {
    type: 'integer',
    minimum,
    maximum,
  });

/** One of `values`. */
const oneOf = <const T extends readonly string[]>(values: T) =>
  leaf<T[number]>(
    (v) => values.includes(v as string),
    { type: 'string', enum: values },
    `Expected ${values.join(' | ')}`,
  );

// ISO 8601 in UTC or with an offset, seconds required: what `Date.prototype.toISOString` gives.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
const isoTime = leaf<string>((v) => typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)), {
  type: 'string',
  format: 'date-time',
});
const shortText = text(256);

/** The state names a server reports (`GET /status` and action results). */
export const ServerState = oneOf([
  'enrollment-required',
  'challenge-required',
  'verified',
  'exempt',
  'deferred',
  'locked',
]);
/** A value that passed {@link ServerState}. */
export type ServerState = z.infer<typeof ServerState>;

/** TOTP hash algorithms the contract allows. */
export const Algorithm = oneOf(['SHA1', 'SHA256', 'SHA512']);
/** A value that passed {@link Algorithm}. */
export type Algorithm = z.infer<typeof Algorithm>;
/** An active exemption, as the server reports it (never secret: a reason and an end). */
export const ExemptionInfo = z.object({
  reason: shortText,
  expiresAt: z.nullable(isoTime),
});
/** A value that passed {@link ExemptionInfo}. */
export type ExemptionInfo = z.infer<typeof ExemptionInfo>;

/** `GET /status` answer. */
export const Status = z
  .object({
    state: ServerState,
    account: shortText,
    issuer: shortText,
    graceEndsAt: z.nullable(isoTime),
    lockedUntil: z.nullable(isoTime),
    recoveryCodesLeft: z.nullable(int(0, 1000)),
    serverTime: isoTime,
    /** Optional extension: set while an exemption lets the user in. */
    exemption: z.optional(z.nullable(ExemptionInfo)),
    /** Optional extension: the code length, so the sign-in field knows it. */
    digits: z.optional(z.nullable(int(6, 8))),
    /** Optional extension: failures left before a lock. */
    attemptsLeft: z.optional(z.nullable(int(0, 1000))),
    /** Optional extension: the days "Don't ask again on this device" lasts, when the policy offers it. */
    rememberDays: z.optional(z.nullable(int(1, 366))),
  })
  .check(
    // A deferral without an end would be a hole in the policy.
    z.refine((s) => s.state !== 'deferred' || s.graceEndsAt !== null),
  );
/** A value that passed {@link Status}. */
export type Status = z.infer<typeof Status>;

/** `POST /enrollment` answer: the pending secret. Held in memory only, never stored. */
export const Enrollment = z.object({
  otpauthUri: leaf<string>((v) => typeof v === 'string' && v.length <= 2048 && v.startsWith('otpauth://totp/'), {
    type: 'string',
    pattern: '^otpauth://totp/',
    maxLength: 2048,
  }),
  secret: leaf<string>((v) => typeof v === 'string' && /^[A-Z2-7]{26,256}$/.test(v), {
    type: 'string',
    pattern: '^[A-Z2-7]{26,256}$',
  }),
  issuer: shortText,
  account: shortText,
  algorithm: Algorithm,
  digits: int(6, 8),
  period: int(1, 120),
  expiresAt: isoTime,
});
/** A value that passed {@link Enrollment}. */
export type Enrollment = z.infer<typeof Enrollment>;

/** `POST /enrollment/confirm` answer. `recoveryCodes` may be empty when the backend has none. */
export const ConfirmResult = z.object({
  state: oneOf(['verified']),
  recoveryCodes: leaf<string[]>(
    (v) =>
      Array.isArray(v) && v.length <= 100 && v.every((c) => typeof c === 'string' && c.length >= 8 && c.length <= 64),
    { type: 'array', maxItems: 100, items: { type: 'string', minLength: 8, maxLength: 64 } },
  ),
});
/** A value that passed {@link ConfirmResult}. */
export type ConfirmResult = z.infer<typeof ConfirmResult>;

/** `POST /verify` answer. */
export const VerifyResult = z.object({ state: oneOf(['verified']) });
/** A value that passed {@link VerifyResult}. */
export type VerifyResult = z.infer<typeof VerifyResult>;

/**
 * `POST /recovery` answer. `recoveryCodesLeft` is null when the backend cannot say how many are
 * left (better-auth's two-factor plugin does not); the REST contract always gives the count.
 */
export const RecoveryResult = z.object({
  /**
   * `enrollment-required` when the policy wants a new authenticator after a recovery code (S55):
   * the session must set one up before it goes on.
   */
  state: oneOf(['verified', 'enrollment-required']),
  recoveryCodesLeft: z.nullable(int(0, 1000)),
});
/** A value that passed {@link RecoveryResult}. */
export type RecoveryResult = z.infer<typeof RecoveryResult>;

/** `POST /defer` answer. */
export const DeferResult = z.object({
  state: oneOf(['deferred']),
  graceEndsAt: isoTime,
});
/** A value that passed {@link DeferResult}. */
export type DeferResult = z.infer<typeof DeferResult>;

/** A `{code}` request body. The shape is checked here; the digits by `normalizeCode`. */
export const CodeBody = z.object({ code: text(64) });
/** A value that passed {@link CodeBody}. */
export type CodeBody = z.infer<typeof CodeBody>;

/** Every error answer: `{error: {code, message, ...}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: text(64),
    message: text(1024),
    attemptsLeft: z.optional(int(0, 1000)),
    retryAfter: z.optional(int(0, 366 * 86_400)),
    skewSeconds: z.optional(int(-86_400, 86_400)),
    state: z.optional(ServerState),
  }),
});
/** A value that passed {@link ErrorBody}. */
export type ErrorBody = z.infer<typeof ErrorBody>;
