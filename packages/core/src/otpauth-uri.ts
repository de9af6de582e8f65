/**
 * otpauth TOTP URIs, browser-safe (no otpauth dependency): building one (the server), parsing it
 * with every check and a clear refusal (the QR code, the server, tests), and the checks of its
 * parts. The sign-in path never loads it. The gate's own yes-or-no check of an enrollment's URI
 * is in `enrollment-checks.ts`, which this module reads URIs with.
 */
import { base32Bits } from './base32.js';
import { issuerParameterMatching, splitOtpauthUri } from './otpauth-split.js';
import { TotpGateError } from './errors.js';
import type { Algorithm } from './schemas.js';

/** The fields of an otpauth URI. */
export interface OtpauthParameters {
  /** Who issues the code (the app's name), shown by the authenticator app. */
  issuer: string;
  /** Whose code it is (usually an e-mail address). */
  account: string;
  /** The shared secret, upper-case base32 without padding. */
  secret: string;
  /** The HMAC hash (SHA1 unless there is a reason). */
  algorithm: Algorithm;
  /** Code length, 6 to 8. */
  digits: number;
  /** Seconds per code, 1 to 120. */
  period: number;
}

function refuse(message: string): never {
  throw new TotpGateError('bad-request', message);
}

/**
 * Checks issuer and account for use in an otpauth label: not empty, no `:` (S9, S10).
 * @throws TotpGateError `bad-request`
 */
export function checkLabelPart(kind: 'issuer' | 'account', value: string): void {
  if (value.trim().length === 0) refuse(`The ${kind} is empty.`);
  if (value.includes(':')) refuse(`The ${kind} must not contain ":".`);
  if (value.length > 256) refuse(`The ${kind} is too long.`);
}

/**
 * Checks a base32 secret as it appears in a URI: upper case, no padding, at least 128 bits (S5, S7).
 * @throws TotpGateError `bad-request`
 */
export function checkSecret(secret: string): void {
  if (!/^[A-Z2-7]+$/.test(secret)) refuse('The secret must be upper-case base32 without padding.');
  if (base32Bits(secret.length) < 128) refuse('The secret is shorter than 128 bits.');
}

/**
 * Checks the code parameters: SHA1, SHA256 or SHA512; 6 to 8 digits; a period of 1 to 120 s (S11).
 * @throws TotpGateError `bad-request`
 */
export function checkCodeParameters(params: { algorithm: string; digits: number; period: number }): void {
  const { algorithm, digits, period } = params;
  if (algorithm !== 'SHA1' && algorithm !== 'SHA256' && algorithm !== 'SHA512') {
    refuse('The algorithm must be SHA1, SHA256 or SHA512.');
  }
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) refuse('Digits must be 6, 7 or 8.');
  if (!Number.isInteger(period) || period < 1 || period > 120) refuse('The period must be 1 to 120 seconds.');
}

/**
 * Builds the otpauth URI an authenticator app scans, with the issuer both as the label
 * prefix and as the `issuer` parameter (S9), laid out as the otpauth library writes it (Google's
 * Key Uri Format). Refuses `:` and empty parts, short secrets and periods over 120 s.
 * @throws TotpGateError `bad-request`
 */
export function buildOtpauthUri(params: OtpauthParameters): string {
  const { issuer, account, secret, algorithm, digits, period } = params;
  checkLabelPart('issuer', issuer);
  checkLabelPart('account', account);
  checkSecret(secret);
  checkCodeParameters(params);
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = `issuer=${encodeURIComponent(issuer)}&secret=${secret}&algorithm=${algorithm}`;
  return `otpauth://totp/${label}?${query}&digits=${digits}&period=${period}`;
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
  if (!split) refuse('Not an otpauth TOTP URI.');
  const [label, query] = split;
  const parts = label.split(':');
  if (parts.length !== 2) refuse('The label must be "issuer:account", with no other ":".');
  const [prefix, account] = parts as [string, string];
  const param = query.get('issuer');
  if (param === null) refuse('The issuer parameter is missing.');
  const issuer = issuerParameterMatching(param, prefix);
  checkLabelPart('issuer', issuer ?? param);
  checkLabelPart('account', account);
  if (issuer === null) refuse('The issuer parameter differs from the label prefix.');
  const secret = query.get('secret') ?? '';
  checkSecret(secret);
  const code = {
    algorithm: (query.get('algorithm') ?? 'SHA1') as Algorithm,
    digits: Number(query.get('digits') ?? '6'),
    period: Number(query.get('period') ?? '30'),
  };
  checkCodeParameters(code);
  return { issuer, account, secret, ...code };
}
