/**
 * Answers a broken or hostile server or adapter might give, shared by the gate and HTTP tests (S40).
 * Each entry is a value an adapter method resolves with; none of them is a valid contract answer.
 */
import type { OtpauthParameters } from '../otpauth-uri.js';
import type { Enrollment, Status } from '../schemas.js';

export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** alice's authenticator at Acme, in the default parameters (SHA1, 6 digits, 30 s): what the good answers carry. */
export const ALICE: OtpauthParameters = {
  issuer: 'Acme',
  account: 'alice@example.com',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};
export const SCRIPT = '<img src=x onerror="alert(1)"><script>alert(1)</script>';

export function goodStatus(extra: Partial<Status> = {}): Status {
  return {
    state: 'enrollment-required',
    account: 'alice@example.com',
    issuer: 'Acme',
    graceEndsAt: null,
    lockedUntil: null,
    recoveryCodesLeft: null,
    serverTime: '2026-03-01T12:00:00.000Z',
    ...extra,
  };
}

export function goodEnrollment(extra: Partial<Enrollment> = {}): Enrollment {
  return {
    otpauthUri: `otpauth://totp/Acme:alice%40example.com?secret=${SECRET}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
    ...ALICE,
    expiresAt: '2026-03-01T12:10:00.000Z',
    ...extra,
  };
}

const huge = 'x'.repeat(1_000_000);

/** Values that are not a valid contract answer of any kind. */
export const HOSTILE_ANY: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'verified'],
  ['true', true],
  ['an array', [{ state: 'verified' }]],
  ['an empty object', {}],
  ['an HTML page as a string', `<!doctype html><title>500</title>${SCRIPT}`],
];

/** Invalid `status()` answers. */
export const HOSTILE_STATUS: Array<[string, unknown]> = [
  ...HOSTILE_ANY,
  ['only a state', { state: 'verified' }],
  ['an unknown state', goodStatus({ state: 'open' as Status['state'] })],
  ['a state in other case', goodStatus({ state: 'Verified' as Status['state'] })],
  ['state as a number', goodStatus({ state: 1 as unknown as Status['state'] })],
  ['account as a number', goodStatus({ account: 123 as unknown as string })],
  ['account null', goodStatus({ account: null as unknown as string })],
  ['a megabyte account', goodStatus({ account: huge })],
  ['serverTime not a time', goodStatus({ serverTime: 'yesterday' })],
  ['graceEndsAt as epoch number', goodStatus({ graceEndsAt: 1_772_366_400_000 as unknown as string })],
  ['recoveryCodesLeft as a string', goodStatus({ recoveryCodesLeft: '3' as unknown as number })],
  ['recoveryCodesLeft negative', goodStatus({ recoveryCodesLeft: -1 })],
  ['recoveryCodesLeft fractional', goodStatus({ recoveryCodesLeft: 1.5 })],
  ['digits 5', goodStatus({ digits: 5 })],
  ['attemptsLeft NaN', goodStatus({ attemptsLeft: Number.NaN })],
  ['a deferral without an end', goodStatus({ state: 'deferred', graceEndsAt: null })],
  [
    'a getter that throws',
    Object.defineProperty(goodStatus(), 'state', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    }),
  ],
];

/** Invalid `startEnrollment()` answers. */
export const HOSTILE_ENROLLMENT: Array<[string, unknown]> = [
  ...HOSTILE_ANY,
  ['missing secret', { ...goodEnrollment(), secret: undefined }],
  ['secret under 128 bits', goodEnrollment({ secret: 'JBSWY3DPEHPK3PXP' })],
  ['secret in lower case', goodEnrollment({ secret: SECRET.toLowerCase() })],
  ['a secret that differs from the URI', goodEnrollment({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' })],
  ['an issuer that differs from the URI', goodEnrollment({ issuer: 'Evil' })],
  ['an account that differs from the URI', goodEnrollment({ account: 'mallory@example.com' })],
  ['digits that differ from the URI', goodEnrollment({ digits: 8 })],
  ['a javascript: URI', goodEnrollment({ otpauthUri: 'javascript:alert(1)' })],
  ['an HOTP URI', goodEnrollment({ otpauthUri: `otpauth://hotp/Acme:alice?secret=${SECRET}&issuer=Acme` })],
  [
    'a URI with ":" in the account',
    goodEnrollment({ otpauthUri: `otpauth://totp/Acme:a%3Ab?secret=${SECRET}&issuer=Acme`, account: 'a:b' }),
  ],
  ['period 0', goodEnrollment({ period: 0 })],
  ['period 300', goodEnrollment({ period: 300 })],
  ['digits as a string', goodEnrollment({ digits: '6' as unknown as number })],
  ['algorithm MD5', goodEnrollment({ algorithm: 'MD5' as Enrollment['algorithm'] })],
  ['a megabyte URI', goodEnrollment({ otpauthUri: `otpauth://totp/${huge}` })],
];

/** Invalid `confirmEnrollment()` answers. */
export const HOSTILE_CONFIRM: Array<[string, unknown]> = [
  ...HOSTILE_ANY,
  ['state only', { state: 'verified' }],
  ['state not verified', { state: 'deferred', recoveryCodes: [] }],
  ['recovery codes as a string', { state: 'verified', recoveryCodes: 'aaaaa-bbbbb' }],
  ['recovery codes as numbers', { state: 'verified', recoveryCodes: [12345678] }],
  ['recovery codes null', { state: 'verified', recoveryCodes: null }],
  ['a recovery code that is too short', { state: 'verified', recoveryCodes: ['abc'] }],
  [
    '100 001 recovery codes',
    { state: 'verified', recoveryCodes: Array.from({ length: 100_001 }, () => 'aaaaa-bbbbb') },
  ],
  ['a megabyte recovery code', { state: 'verified', recoveryCodes: [huge] }],
];

/** Invalid `verify()` / `redeemRecoveryCode()` answers that look almost like success. */
export const HOSTILE_VERIFY: Array<[string, unknown]> = [
  ...HOSTILE_ANY,
  ['{ ok: true }', { ok: true }],
  ['state with a trailing space', { state: 'verified ' }],
  ['state true', { state: true }],
];

/** Invalid `defer()` answers. */
export const HOSTILE_DEFER: Array<[string, unknown]> = [
  ...HOSTILE_ANY,
  ['no end', { state: 'deferred' }],
  ['an end that is not a time', { state: 'deferred', graceEndsAt: 'next week' }],
  ['state verified', { state: 'verified', graceEndsAt: '2026-03-08T12:00:00.000Z' }],
];

/** Things an adapter may throw instead of a TotpGateError. */
export const HOSTILE_THROWS: Array<[string, unknown]> = [
  ['a plain Error', new Error('database exploded')],
  ['a string', 'something went wrong'],
  ['null', null],
  ['undefined', undefined],
  ['an object that claims a code', { code: 'verified', message: SCRIPT }],
  ['a TotpGateError look-alike with an unknown code', { name: 'TotpGateError', code: 'open-sesame' }],
];
