/**
 * The REST contract v1 as data, for the OpenAPI document (`openapi.ts`) and the docs' contract
 * tables, which check their error lists against it: every operation with its body, answer and
 * errors, the schemas they name (the zod schemas the HTTP adapters validate with), and every
 * error code with its status. Not part of the browser entry points.
 *
 * Past 300 lines: one table, an entry per operation of the contract, read whole by its two users.
 */
import * as z from 'zod/mini';
import {
  AddFactorBody,
  AddFactorResult,
  DeviceList,
  FactorList,
  IdBody,
  RegenerateResult,
  RenameFactorBody,
  SignOutOthersResult,
  VerifyBody,
} from './account-schemas.js';
import {
  CodeBody,
  ConfirmResult,
  DeferResult,
  Enrollment,
  ErrorBody,
  RecoveryResult,
  ServerState,
  Status,
  VerifyResult,
} from './schemas.js';

/**
 * Why a session that passed a code must pass one again (S43): the verification lifetime ended
 * (`verification-expired`) or a route guarded with `maxAge` asked for a fresher code (`step-up`).
 * Described here, not in the browser's {@link Status}: the gate follows `state`, and the sign-in
 * bundle stays as small as it is; a host may show the reason.
 */
const ChallengeReason = z.enum(['verification-expired', 'step-up']);

/** `GET /status` as the reference server answers it: the browser's schema plus `reason`. */
const StatusAnswer = z.safeExtend(Status, {
  /** Optional extension: set when a session that was verified must pass a code again. */
  reason: z.optional(z.nullable(ChallengeReason)),
});

/**
 * The answer of `guard()` on the host's own protected routes: 403 with the state the session is
 * in and, for a session that was verified, why it must pass a code again.
 */
const TotpRequired = z.object({
  error: z.extend(ErrorBody.shape.error, {
    code: z.literal('totp-required'),
    state: ServerState,
    reason: z.optional(ChallengeReason),
  }),
});

/** Every schema the document names, under its name in `components.schemas`. */
export const CONTRACT_SCHEMAS = {
  Status: StatusAnswer,
  Enrollment,
  ConfirmResult,
  VerifyBody,
  VerifyResult,
  RecoveryResult,
  DeferResult,
  CodeBody,
  ErrorBody,
  TotpRequired,
  FactorList,
  AddFactorBody,
  AddFactorResult,
  RenameFactorBody,
  IdBody,
  RegenerateResult,
  DeviceList,
  SignOutOthersResult,
};
/** A name in {@link CONTRACT_SCHEMAS}. */
export type ContractSchemaName = keyof typeof CONTRACT_SCHEMAS;

/** Every error code of the contract with its HTTP status (one status per code). */
export const CONTRACT_ERRORS = {
  'bad-request': 400,
  'invalid-code': 400,
  'code-reused': 400,
  unauthenticated: 401,
  'grace-expired': 403,
  'cross-origin': 403,
  'totp-required': 403,
  'step-up-required': 403,
  'not-found': 404,
  'unknown-id': 404,
  'method-not-allowed': 405,
  'already-enrolled': 409,
  'last-factor': 409,
  'enrollment-expired': 410,
  'unsupported-media-type': 415,
  locked: 429,
  unavailable: 503,
} as const;
/** A code in {@link CONTRACT_ERRORS}. */
export type ContractErrorCode = keyof typeof CONTRACT_ERRORS;

/** Errors every operation may answer; a POST also 415 and 403 `cross-origin` (S44). */
export const ALWAYS_ERRORS: readonly ContractErrorCode[] = ['unauthenticated', 'bad-request', 'unavailable'];
/** What every POST may answer besides {@link ALWAYS_ERRORS}. */
export const POST_ERRORS: readonly ContractErrorCode[] = ['unsupported-media-type', 'cross-origin'];

/** One operation of the contract, relative to the host's base path. */
export interface ContractOperation {
  method: 'get' | 'post';
  path: `/${string}`;
  operationId: string;
  summary: string;
  /** `account`: the account-management additions to v1 (a verified session; `<totp-manage>`). */
  tag: 'sign-in' | 'account';
  /** The JSON body schema; null: the body is `{}` (POST) or absent (GET). */
  body: ContractSchemaName | null;
  response: ContractSchemaName;
  /** Errors besides {@link ALWAYS_ERRORS} (and {@link POST_ERRORS} for a POST). */
  errors: ContractErrorCode[];
  /** When the 200 answer may carry the remembered-device cookie (S58), what it does. */
  setsCookie?: string;
}

const SIGN_IN: readonly ContractOperation[] = [
  {
    method: 'get',
    path: '/status',
    operationId: 'getStatus',
    summary:
      'Where the signed-in user stands: the first call the gate makes. A remembered device (its cookie) lets the session in here.',
    tag: 'sign-in',
    body: null,
    response: 'Status',
    errors: [],
  },
  {
    method: 'post',
    path: '/enrollment',
    operationId: 'startEnrollment',
    summary:
      "Starts an enrollment, or returns this session's pending secret again. Refused when a factor is active, " +
      'except in the window a recovery code opened under recoveryCodes.afterUse enroll or replace.',
    tag: 'sign-in',
    body: null,
    response: 'Enrollment',
    errors: ['already-enrolled', 'locked'],
  },
  {
    method: 'post',
    path: '/enrollment/confirm',
    operationId: 'confirmEnrollment',
    summary: "Confirms this session's pending secret with a code; answers the recovery codes, once.",
    tag: 'sign-in',
    body: 'CodeBody',
    response: 'ConfirmResult',
    errors: ['invalid-code', 'code-reused', 'enrollment-expired', 'already-enrolled', 'locked'],
  },
  {
    method: 'post',
    path: '/verify',
    operationId: 'verify',
    summary:
      'Verifies a code at sign-in and marks this session, and only this session, as verified. With ' +
      'rememberDevice: true, and only where the policy offers it, the browser is remembered.',
    tag: 'sign-in',
    body: 'VerifyBody',
    response: 'VerifyResult',
    errors: ['invalid-code', 'code-reused', 'locked'],
    setsCookie:
      'With rememberDevice: true where the policy offers it: the remembered-device cookie (HttpOnly, Secure, ' +
      'SameSite=Strict, __Host-totp-device by default), a random token the server keeps only hashed.',
  },
  {
    method: 'post',
    path: '/recovery',
    operationId: 'redeemRecoveryCode',
    summary:
      'Signs in with a recovery code instead. Each code works once. Under recoveryCodes.afterUse enroll or ' +
      'replace the answer is enrollment-required: the session may only set up a new authenticator, for ' +
      'enrollWindowSeconds.',
    tag: 'sign-in',
    body: 'CodeBody',
    response: 'RecoveryResult',
    errors: ['invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'post',
    path: '/defer',
    operationId: 'defer',
    summary: 'Defers enrollment for this session, only inside a grace period.',
    tag: 'sign-in',
    body: null,
    response: 'DeferResult',
    errors: ['grace-expired', 'already-enrolled', 'locked'],
  },
];

const FORGETS_COOKIE = "When the request carries this browser's own remembered-device cookie: that cookie, cleared.";

const ACCOUNT: readonly ContractOperation[] = [
  {
    method: 'get',
    path: '/factors',
    operationId: 'listFactors',
    summary: "The user's authenticators, oldest first, and whether the last one may be removed.",
    tag: 'account',
    body: null,
    response: 'FactorList',
    errors: ['totp-required'],
  },
  {
    method: 'post',
    path: '/factors',
    operationId: 'addFactor',
    summary:
      'Starts enrolling another named authenticator (with replaces: the one it replaces). Needs a code from ' +
      'the last five minutes (step-up).',
    tag: 'account',
    body: 'AddFactorBody',
    response: 'Enrollment',
    errors: ['totp-required', 'step-up-required', 'unknown-id'],
  },
  {
    method: 'post',
    path: '/factors/confirm',
    operationId: 'confirmFactor',
    summary: 'Confirms the new authenticator with a code from it; removes the one it replaces, if any.',
    tag: 'account',
    body: 'CodeBody',
    response: 'AddFactorResult',
    errors: ['totp-required', 'invalid-code', 'enrollment-expired', 'locked'],
  },
  {
    method: 'post',
    path: '/factors/rename',
    operationId: 'renameFactor',
    summary: 'Renames an authenticator.',
    tag: 'account',
    body: 'RenameFactorBody',
    response: 'FactorList',
    errors: ['totp-required', 'unknown-id'],
  },
  {
    method: 'post',
    path: '/factors/remove',
    operationId: 'removeFactor',
    summary:
      'Removes an authenticator, never the last one while the policy requires TOTP. Needs a code from the ' +
      'last five minutes (step-up); every remembered device is forgotten.',
    tag: 'account',
    body: 'IdBody',
    response: 'FactorList',
    errors: ['totp-required', 'step-up-required', 'last-factor', 'unknown-id'],
  },
  {
    method: 'post',
    path: '/recovery-codes',
    operationId: 'regenerateRecoveryCodes',
    summary: 'New recovery codes for a fresh TOTP code from a verified session; the old ones stop working at once.',
    tag: 'account',
    body: 'CodeBody',
    response: 'RegenerateResult',
    errors: ['totp-required', 'invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'get',
    path: '/devices',
    operationId: 'listDevices',
    summary: 'The remembered devices, and for how many days the policy remembers one (null: not offered).',
    tag: 'account',
    body: null,
    response: 'DeviceList',
    errors: ['totp-required'],
  },
  {
    method: 'post',
    path: '/devices/revoke',
    operationId: 'revokeDevice',
    summary: 'Forgets one remembered device: it must enter a code at its next sign-in.',
    tag: 'account',
    body: 'IdBody',
    response: 'DeviceList',
    errors: ['totp-required', 'unknown-id'],
    setsCookie: FORGETS_COOKIE,
  },
  {
    method: 'post',
    path: '/sign-out-others',
    operationId: 'signOutOthers',
    summary:
      'Every other session of the user must pass a code again and every remembered device is forgotten; ' +
      'this session stays verified.',
    tag: 'account',
    body: null,
    response: 'SignOutOthersResult',
    errors: ['totp-required'],
    setsCookie: FORGETS_COOKIE,
  },
];

/** The operations of REST contract v1, sign-in first, then the account-management additions. */
export const CONTRACT_OPERATIONS: readonly ContractOperation[] = [...SIGN_IN, ...ACCOUNT];
