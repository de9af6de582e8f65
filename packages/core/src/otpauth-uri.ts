/**
 * Parsing and checking otpauth TOTP URIs and their parts. Its own module, apart from `codes.ts`,
 * because the sign-in path of the elements never needs it: only the lazily loaded QR code and the
 * server do, and bundlers place a module in a chunk as a whole.
 */
import { base32Bits } from './base32.js';
import type { OtpauthParameters } from './codes.js';
import { TotpGateError } from './errors.js';
import { issuerParameterMatching, splitOtpauthUri } from './otpauth-split.js';

/**
 * Checks issuer and account for use in an otpauth label: not empty, no `:` (S9, S10).
 * @throws TotpGateError `bad-request`
 */
export function checkLabelPart(kind: 'issuer' | 'account', value: string): void {
  if (value.trim().length === 0) throw new TotpGateError('bad-request', `The ${kind} is empty.`);
  if (value.includes(':')) throw new TotpGateError('bad-request', `The ${kind} must not contain ":".`);
  if (value.length > 256) throw new TotpGateError('bad-request', `The ${kind} is too long.`);
}

/**
 * Checks a base32 secret as it appears in a URI: upper case, no padding, at least 128 bits (S5, S7).
 * @throws TotpGateError `bad-request`
 */
export function checkSecret(secret: string): void {
  if (!/^[A-Z2-7]+$/.test(secret)) {
    throw new TotpGateError('bad-request', 'The secret must be upper-case base32 without padding.');
  }
  if (base32Bits(secret.length) < 128) {
    throw new TotpGateError('bad-request', 'The secret is shorter than 128 bits.');
  }
}

/**
 * Parses and checks an otpauth TOTP URI: issuer in the label and the `issuer` parameter, equal;
 * no `:` in either part; a base32 secret of at least 128 bits; SHA1/SHA256/SHA512, 6–8 digits,
 * a period of at most 120 s (S9–S11).
 * @throws TotpGateError `bad-request` saying what is wrong.
 * @example parseOtpauthUri('otpauth://totp/Acme:alice?secret=…&issuer=Acme')
 */
export function parseOtpauthUri(uri: string): OtpauthParameters {
  const split = splitOtpauthUri(uri);
  if (!split) throw new TotpGateError('bad-request', 'Not an otpauth TOTP URI.');
  const [label, query] = split;
  const parts = label.split(':');
  if (parts.length !== 2) {
    throw new TotpGateError('bad-request', 'The label must be "issuer:account", with no other ":".');
  }
  const [prefix, account] = parts as [string, string];
  const param = query.get('issuer');
  if (param === null) throw new TotpGateError('bad-request', 'The issuer parameter is missing.');
  const issuer = issuerParameterMatching(param, prefix);
  checkLabelPart('issuer', issuer ?? param);
  checkLabelPart('account', account);
  if (issuer === null) throw new TotpGateError('bad-request', 'The issuer parameter differs from the label prefix.');
  const secret = query.get('secret') ?? '';
  checkSecret(secret);
  const algorithm = query.get('algorithm') ?? 'SHA1';
  if (algorithm !== 'SHA1' && algorithm !== 'SHA256' && algorithm !== 'SHA512') {
    throw new TotpGateError('bad-request', 'The algorithm must be SHA1, SHA256 or SHA512.');
  }
  const digits = Number(query.get('digits') ?? '6');
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new TotpGateError('bad-request', 'Digits must be 6, 7 or 8.');
  }
  const period = Number(query.get('period') ?? '30');
  if (!Number.isInteger(period) || period < 1 || period > 120) {
    throw new TotpGateError('bad-request', 'The period must be 1 to 120 seconds.');
  }
  return { issuer, account, secret, algorithm, digits, period };
}
