/**
 * Browser-safe helpers for codes, secrets and otpauth URIs. No otpauth dependency here:
 * the server builds URIs; the browser only reads and checks them with `URL`.
 */
import { base32Bits } from './base32.js';
import { TotpGateError } from './errors.js';
import type { Algorithm } from './schemas.js';

/** Why a typed code was refused. */
export type CodeProblem = 'not-a-string' | 'empty' | 'invalid-characters' | 'too-short' | 'too-long';

/** The result of {@link normalizeCode}. */
export type NormalizedCode = { ok: true; code: string } | { ok: false; reason: CodeProblem };

const DIGIT = /\p{Nd}/u;
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\ufe63\uff0d]/g;

/**
 * The value of any Unicode decimal digit (full-width, Arabic-Indic, Devanagari, Thai…).
 * Unicode encodes each digit set as ten consecutive code points from 0 to 9, and sets that
 * touch (the mathematical digits) come in whole tens, so the distance from the start of the
 * run of digits, modulo 10, is the digit's value.
 */
function digitValue(point: number): number {
  let start = point;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (point - start) % 10;
}

/** Options for {@link normalizeCode}. */
export interface NormalizeOptions {
  /** Exact number of digits (6 by default). A range `[min, max]` when the length is not known. */
  digits?: number | readonly [number, number];
  /** Refuse non-ASCII digits instead of converting them (what the server does, S18). */
  asciiOnly?: boolean;
}

/**
 * Turns what a person typed or pasted into the code a server expects: `"123 456"`,
 * `"123-456"` and full-width `"１２３４５６"` all become `"123456"`. Anything that is not a
 * digit, and any wrong length, is refused with a reason rather than sent as a wrong code.
 *
 * @example normalizeCode(' 123-456 ') // { ok: true, code: '123456' }
 */
export function normalizeCode(input: unknown, options: NormalizeOptions = {}): NormalizedCode {
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-string' };
  const [min, max] = typeof options.digits === 'object' ? options.digits : [options.digits ?? 6, options.digits ?? 6];
  // A pasted page is not a code; stop before doing work proportional to its size.
  if (input.length > 64) return { ok: false, reason: 'too-long' };
  const stripped = input.replace(SEPARATORS, '');
  if (stripped.length === 0) return { ok: false, reason: 'empty' };
  let code = '';
  for (const char of stripped) {
    const point = char.codePointAt(0)!;
    if (point >= 0x30 && point <= 0x39) code += char;
    else if (!options.asciiOnly && DIGIT.test(char)) code += digitValue(point);
    else return { ok: false, reason: 'invalid-characters' };
  }
  if (code.length < min) return { ok: false, reason: 'too-short' };
  if (code.length > max) return { ok: false, reason: 'too-long' };
  return { ok: true, code };
}

/** Formats a base32 secret in groups of four for reading aloud or typing: `JBSW Y3DP EHPK 3PXP`. */
export function formatSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

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

/** A parameter set some authenticator apps silently ignore. */
export type CompatibilityWarning = 'algorithm' | 'digits' | 'period';

/**
 * Warnings for parameters other than SHA1 / 6 digits / 30 s: several authenticator apps
 * ignore them and then show codes the server will refuse (S11).
 */
export function compatibilityWarnings(
  params: Pick<OtpauthParameters, 'algorithm' | 'digits' | 'period'>,
): CompatibilityWarning[] {
  const warnings: CompatibilityWarning[] = [];
  if (params.algorithm !== 'SHA1') warnings.push('algorithm');
  if (params.digits !== 6) warnings.push('digits');
  if (params.period !== 30) warnings.push('period');
  return warnings;
}

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

/** The decoded label and the query of an otpauth TOTP URI, or null when it is not one. */
function splitOtpauthUri(uri: string): [label: string, query: URLSearchParams] | null {
  const match = /^otpauth:\/\/totp\/([^?#]*)\?([^#]*)$/.exec(uri);
  try {
    // A literal `+` is a plus sign here, not a space: encoders write spaces as %20.
    return match && [decodeURIComponent(match[1]!), new URLSearchParams(match[2]!.replace(/\+/g, '%2B'))];
  } catch {
    return null; // broken percent-encoding
  }
}

/**
 * Whether an otpauth TOTP URI carries exactly these parameters, with the issuer as label prefix
 * and as `issuer` parameter and no `:` in issuer or account (S9, S10). The gate uses it to make
 * sure the QR code and the key shown beside it agree; it is smaller than {@link parseOtpauthUri}
 * because it only answers yes or no, and the other fields are checked by the `Enrollment` schema.
 */
export function otpauthUriMatches(uri: string, params: OtpauthParameters): boolean {
  const split = splitOtpauthUri(uri);
  if (!split) return false;
  const [label, query] = split;
  const { issuer, account } = params;
  const plain = (part: string) => part.trim() !== '' && !part.includes(':');
  return (
    plain(issuer) &&
    plain(account) &&
    label === `${issuer}:${account}` &&
    query.get('issuer') === issuer &&
    query.get('secret') === params.secret &&
    (query.get('algorithm') ?? 'SHA1') === params.algorithm &&
    (query.get('digits') ?? '6') === String(params.digits) &&
    (query.get('period') ?? '30') === String(params.period)
  );
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
  const issuer = query.get('issuer');
  if (issuer === null) throw new TotpGateError('bad-request', 'The issuer parameter is missing.');
  checkLabelPart('issuer', issuer);
  checkLabelPart('account', account);
  if (issuer !== prefix) throw new TotpGateError('bad-request', 'The issuer parameter differs from the label prefix.');
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
