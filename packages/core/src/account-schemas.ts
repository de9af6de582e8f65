/**
 * Schemas of the account-management additions to the REST contract v1: several named
 * authenticators, new recovery codes, remembered devices, "sign out other devices".
 *
 * Kept apart from `schemas.ts` because only `<totp-manage>` and the account adapter use them: a
 * page that only signs in never downloads them (the package has no side effects, so a bundler
 * drops this module when nothing imports it). For the same reason they use zod's own string,
 * number and array schemas, which the sign-in schemas avoid for size.
 */
import * as z from 'zod/mini';
import type { AccountErrorCode } from './errors.js';
import { CodeBody } from './schemas.js';

// As in schemas.ts: no `new Function` probe under a strict Content-Security-Policy (S38).
z.config({ jitless: true });

/** The error codes of account management (see `AccountErrorCode`). */
export const ACCOUNT_ERROR_CODES: ReadonlySet<AccountErrorCode> = new Set<AccountErrorCode>([
  'totp-required',
  'step-up-required',
  'last-factor',
  'unknown-id',
]);

// ISO 8601 with seconds and a zone: what `Date.prototype.toISOString` gives.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
const isoTime = z.string().check(
  z.regex(ISO_TIME),
  z.refine((v) => !Number.isNaN(Date.parse(v))),
);
const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const count = (max: number) => z.int().check(z.minimum(0), z.maximum(max));
const codeList = z.array(z.string().check(z.minLength(8), z.maxLength(64))).check(z.maxLength(100));

/** The longest authenticator name, in characters. */
export const FACTOR_NAME_MAX = 64;
/** At most this many authenticators per user. */
export const MAX_FACTORS = 20;

/**
 * A name a person gives an authenticator ("Work phone"): 1 to 64 characters with something
 * other than spaces, no control characters. Shown as text everywhere, never as markup.
 */
export const FactorName = z.string().check(
  z.maxLength(FACTOR_NAME_MAX),
  z.refine((v) => v.trim().length > 0, { message: 'A name is needed.' }),
  // eslint-disable-next-line no-control-regex
  z.refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'No control characters.' }),
);
/** A value that passed {@link FactorName}. */
export type FactorName = z.infer<typeof FactorName>;

/** One authenticator of the signed-in user, as the server describes it (never its secret). */
export const FactorInfo = z.object({
  id,
  name: FactorName,
  createdAt: isoTime,
  /** When a code from it last passed at sign-in, or null when never since its enrollment. */
  lastUsedAt: z.nullable(isoTime),
});
/** A value that passed {@link FactorInfo}. */
export type FactorInfo = z.infer<typeof FactorInfo>;

const factors = z.array(FactorInfo).check(z.maxLength(MAX_FACTORS));

/** `GET /factors`, and the answer of rename and remove: the user's authenticators, oldest first. */
export const FactorList = z.object({
  factors,
  /**
   * Whether the last authenticator may be removed: false while the policy requires TOTP for this
   * user, and the UI then offers no "Remove" on a single authenticator.
   */
  canRemoveLast: z.boolean(),
});
/** A value that passed {@link FactorList}. */
export type FactorList = z.infer<typeof FactorList>;

/** `POST /factors` body: start enrolling another authenticator (needs a recent code: step-up). */
export const AddFactorBody = z.object({
  name: FactorName,
  /** The id of an authenticator the new one replaces: removed when the new one is confirmed. */
  replaces: z.optional(id),
});
/** A value that passed {@link AddFactorBody}. */
export type AddFactorBody = z.infer<typeof AddFactorBody>;

/** `POST /factors/confirm` answer: the new authenticator and the list as it now is. */
export const AddFactorResult = z.object({
  factor: FactorInfo,
  factors,
  /** Ids of the authenticators removed with this confirmation (the one it replaced, if any). */
  removed: z.array(id).check(z.maxLength(MAX_FACTORS)),
});
/** A value that passed {@link AddFactorResult}. */
export type AddFactorResult = z.infer<typeof AddFactorResult>;

/** `POST /factors/rename` body. */
export const RenameFactorBody = z.object({ id, name: FactorName });
/** A value that passed {@link RenameFactorBody}. */
export type RenameFactorBody = z.infer<typeof RenameFactorBody>;

/** `POST /factors/remove` and `POST /devices/revoke` bodies. */
export const IdBody = z.object({ id });
/** A value that passed {@link IdBody}. */
export type IdBody = z.infer<typeof IdBody>;

/** `POST /recovery-codes` answer: the new codes (shown once) and how many are left: all of them. */
export const RegenerateResult = z
  .object({ recoveryCodes: codeList, recoveryCodesLeft: count(100) })
  .check(z.refine((r) => r.recoveryCodesLeft === r.recoveryCodes.length));
/** A value that passed {@link RegenerateResult}. */
export type RegenerateResult = z.infer<typeof RegenerateResult>;

/** One remembered device: a browser where the user ticked "Don't ask again on this device". */
export const DeviceInfo = z.object({
  id,
  /** A label made from the browser's user agent ("Firefox on Linux"); text, never markup. */
  label: z.string().check(z.maxLength(128)),
  createdAt: isoTime,
  expiresAt: isoTime,
  /** Whether this is the device making the request. */
  current: z.boolean(),
});
/** A value that passed {@link DeviceInfo}. */
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** `GET /devices` and `POST /devices/revoke` answer. */
export const DeviceList = z.object({
  devices: z.array(DeviceInfo).check(z.maxLength(100)),
  /**
   * How many days "Don't ask again on this device" lasts, or null when the policy does not offer
   * it (the default: a code at every sign-in).
   */
  rememberDays: z.nullable(z.int().check(z.minimum(1), z.maximum(366))),
});
/** A value that passed {@link DeviceList}. */
export type DeviceList = z.infer<typeof DeviceList>;

/**
 * `POST /sign-out-others` answer. Every other session of the user must enter a code again, and
 * every remembered device is forgotten; this session stays verified.
 */
export const SignOutOthersResult = z.object({
  /** Remembered devices forgotten (this one included: it must enter a code at its next sign-in). */
  devicesRevoked: count(10_000),
});
/** A value that passed {@link SignOutOthersResult}. */
export type SignOutOthersResult = z.infer<typeof SignOutOthersResult>;

/**
 * The optional field of `POST /verify` (and `POST /recovery`): `rememberDevice: true` asks the
 * server to remember this browser, which it does only when the policy offers it.
 */
export const RememberBody = z.object({ rememberDevice: z.optional(z.boolean()) });
/** A value that passed {@link RememberBody}. */
export type RememberBody = z.infer<typeof RememberBody>;

/** `POST /verify` body: the code, and `rememberDevice` where the policy offers remembered devices. */
export const VerifyBody = z.extend(CodeBody, RememberBody.shape);
/** A value that passed {@link VerifyBody}. */
export type VerifyBody = z.infer<typeof VerifyBody>;
