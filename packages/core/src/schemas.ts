/**
 * Schemas for every value that crosses the adapter boundary (REST contract v1).
 * Schema and type share one name. Built on `zod/mini` to keep the browser bundle small.
 * Every string has an upper bound so a hostile server cannot make the page hold megabytes.
 */
import * as z from 'zod/mini';

const shortText = z.string().check(z.maxLength(256));
const isoTime = z.iso.datetime({ offset: true });

/** The state names a server reports (`GET /status` and action results). */
export const ServerState = z.enum([
  'enrollment-required',
  'challenge-required',
  'verified',
  'exempt',
  'deferred',
  'locked',
]);
export type ServerState = z.infer<typeof ServerState>;

/** TOTP hash algorithms the contract allows. */
export const Algorithm = z.enum(['SHA1', 'SHA256', 'SHA512']);
export type Algorithm = z.infer<typeof Algorithm>;

/** An active exemption, as the server reports it (never secret: a reason and an end). */
export const ExemptionInfo = z.object({
  reason: shortText,
  expiresAt: z.nullable(isoTime),
});
export type ExemptionInfo = z.infer<typeof ExemptionInfo>;

/** `GET /status` answer. */
export const Status = z.object({
  state: ServerState,
  account: shortText,
  issuer: shortText,
  graceEndsAt: z.nullable(isoTime),
  lockedUntil: z.nullable(isoTime),
  recoveryCodesLeft: z.nullable(z.int().check(z.minimum(0), z.maximum(1000))),
  serverTime: isoTime,
  /** Optional extension: set while an exemption lets the user in. */
  exemption: z.optional(z.nullable(ExemptionInfo)),
  /** Optional extension: the code length, so the sign-in field knows it. */
  digits: z.optional(z.nullable(z.int().check(z.minimum(6), z.maximum(8)))),
  /** Optional extension: failures left before a lock. */
  attemptsLeft: z.optional(z.nullable(z.int().check(z.minimum(0), z.maximum(1000)))),
});
export type Status = z.infer<typeof Status>;

/** `POST /enrollment` answer: the pending secret. Held in memory only, never stored. */
export const Enrollment = z.object({
  otpauthUri: z.string().check(z.maxLength(2048), z.startsWith('otpauth://totp/')),
  secret: z.string().check(z.minLength(26), z.maxLength(256), z.regex(/^[A-Z2-7]+$/)),
  issuer: shortText,
  account: shortText,
  algorithm: Algorithm,
  digits: z.int().check(z.minimum(6), z.maximum(8)),
  period: z.int().check(z.minimum(1), z.maximum(120)),
  expiresAt: isoTime,
});
export type Enrollment = z.infer<typeof Enrollment>;

const recoveryCode = z.string().check(z.minLength(8), z.maxLength(64));

/** `POST /enrollment/confirm` answer. `recoveryCodes` may be empty when the backend has none. */
export const ConfirmResult = z.object({
  state: z.literal('verified'),
  recoveryCodes: z.array(recoveryCode).check(z.maxLength(100)),
});
export type ConfirmResult = z.infer<typeof ConfirmResult>;

/** `POST /verify` answer. */
export const VerifyResult = z.object({ state: z.literal('verified') });
export type VerifyResult = z.infer<typeof VerifyResult>;

/** `POST /recovery` answer. */
export const RecoveryResult = z.object({
  state: z.literal('verified'),
  recoveryCodesLeft: z.int().check(z.minimum(0), z.maximum(1000)),
});
export type RecoveryResult = z.infer<typeof RecoveryResult>;

/** `POST /defer` answer. */
export const DeferResult = z.object({
  state: z.literal('deferred'),
  graceEndsAt: isoTime,
});
export type DeferResult = z.infer<typeof DeferResult>;

/** A `{code}` request body. The shape is checked here; the digits by `normalizeCode`. */
export const CodeBody = z.object({ code: z.string().check(z.maxLength(64)) });
export type CodeBody = z.infer<typeof CodeBody>;

/** Every error answer: `{error: {code, message, ...}}`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().check(z.maxLength(64)),
    message: z.string().check(z.maxLength(1024)),
    attemptsLeft: z.optional(z.int().check(z.minimum(0), z.maximum(1000))),
    retryAfter: z.optional(z.int().check(z.minimum(0))),
    skewSeconds: z.optional(z.int()),
    state: z.optional(ServerState),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
