/**
 * Server-side and test helpers: new secrets, and HOTP/TOTP codes computed with the otpauth
 * library. Imported as `@totp-gate/core/otp`; the browser path never loads it. URIs are built by
 * the browser-safe `otpauth-uri.ts` (re-exported here for the server's convenience).
 */
import * as OTPAuth from 'otpauth';
import { decodeBase32, encodeBase32 } from './base32.js';
import type { Algorithm } from './schemas.js';

export { encodeBase32, decodeBase32 } from './base32.js';
export { buildOtpauthUri } from './otpauth-uri.js';

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
