/**
 * Codes as people type them at sign-in (normalizeCode), and the key as people read it
 * (formatSecret). Browser-safe and on the sign-in path; otpauth URIs are in `otpauth-uri.ts`.
 */

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
