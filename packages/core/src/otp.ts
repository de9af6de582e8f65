/**
 * Server-side and test helpers built on otpauth: secrets, URIs and codes.
 * Imported as `@totp-gate/core/otp`; the browser path never loads it.
 */
import * as OTPAuth from 'otpauth';
import type { OtpauthParameters } from './codes.js';
import { checkLabelPart, checkSecret } from './otpauth-uri.js';
import { decodeBase32, encodeBase32 } from './base32.js';
import { TotpGateError } from './errors.js';
import type { Algorithm } from './schemas.js';

export { encodeBase32, decodeBase32 } from './base32.js';

/** A source of cryptographically strong random bytes (injectable for tests). */
export type RandomBytes = (length: number) => Uint8Array;

/** `crypto.getRandomValues`, the only randomness the product uses (S6). */
export const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/**
 * A new secret: 20 random bytes (160 bits) as 32 upper-case base32 characters (S5).
 * @example createSecret() // 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
 */
export function createSecret(random: RandomBytes = cryptoRandomBytes): string {
  const bytes = random(20);
  if (!(bytes instanceof Uint8Array) || bytes.length !== 20) {
    throw new Error('The random source must return 20 bytes.');
  }
  return encodeBase32(bytes);
}

/**
 * Builds the otpauth URI an authenticator app scans, with the issuer both as the label
 * prefix and as the `issuer` parameter (S9). Refuses `:` and empty parts, short secrets
 * and periods over 120 s.
 * @throws TotpGateError `bad-request`
 */
export function buildOtpauthUri(params: OtpauthParameters): string {
  checkLabelPart('issuer', params.issuer);
  checkLabelPart('account', params.account);
  checkSecret(params.secret);
  if (!Number.isInteger(params.period) || params.period < 1 || params.period > 120) {
    throw new TotpGateError('bad-request', 'The period must be 1 to 120 seconds.');
  }
  if (!Number.isInteger(params.digits) || params.digits < 6 || params.digits > 8) {
    throw new TotpGateError('bad-request', 'Digits must be 6, 7 or 8.');
  }
  if (!['SHA1', 'SHA256', 'SHA512'].includes(params.algorithm)) {
    throw new TotpGateError('bad-request', 'The algorithm must be SHA1, SHA256 or SHA512.');
  }
  return totpFor(params).toString();
}

function totpFor(params: Omit<OtpauthParameters, 'account' | 'issuer'> & { issuer?: string; account?: string }) {
  return new OTPAuth.TOTP({
    issuer: params.issuer ?? '',
    label: params.account ?? 'account',
    issuerInLabel: true,
    secret: OTPAuth.Secret.fromBase32(params.secret),
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
  });
}

/** Parameters for computing a code. */
export interface CodeParameters {
  /** HMAC hash, SHA1 by default. */
  algorithm?: Algorithm;
  /** Code length, 6 by default. */
  digits?: number;
}

/** The HOTP code (RFC 4226) for a counter, as a string with leading zeros. */
export function hotp(secret: string | Uint8Array, counter: number, params: CodeParameters = {}): string {
  const key = typeof secret === 'string' ? decodeBase32(secret) : secret;
  return OTPAuth.HOTP.generate({
    secret: new OTPAuth.Secret({ buffer: key.slice().buffer }),
    algorithm: params.algorithm ?? 'SHA1',
    digits: params.digits ?? 6,
    counter,
  });
}

/** The TOTP code (RFC 6238) at a time in milliseconds, as a string with leading zeros. */
export function totp(
  secret: string | Uint8Array,
  timeMs: number,
  params: CodeParameters & { period?: number } = {},
): string {
  return hotp(secret, Math.floor(timeMs / 1000 / (params.period ?? 30)), params);
}
