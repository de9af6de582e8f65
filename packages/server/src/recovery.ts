/**
 * Recovery codes (S30): ten by default, 50 random bits each from the CSPRNG, shown once as
 * `xxxxx-xxxxx` (lower-case base32, no 0/1/8/9 to confuse with letters), stored only as hashes.
 *
 * Why plain SHA-256 and not a slow password hash: a code carries 50 bits from the CSPRNG, so a
 * stolen hash list costs about 2^49 SHA-256 guesses per code on average, far beyond what a slow
 * hash adds to a human-chosen password, and a fast hash keeps redemption cheap under the same
 * throttle as TOTP codes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { encodeBase32 } from '@totp-gate/core';
import type { RandomBytes } from '@totp-gate/core/otp';

const CODE_PATTERN = /^[a-z2-7]{10}$/;

/** New recovery codes and their hashes (same order). */
export function createRecoveryCodes(count: number, random: RandomBytes): { codes: string[]; hashes: string[] } {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    // 7 bytes give 56 bits; the first 10 base32 characters keep 50 of them.
    const text = encodeBase32(random(7)).toLowerCase().slice(0, 10);
    codes.push(`${text.slice(0, 5)}-${text.slice(5)}`);
  }
  return { codes, hashes: codes.map((code) => hashRecoveryCode(normalizeRecoveryCode(code)!)) };
}

/**
 * A typed recovery code in canonical form (10 lower-case base32 characters), accepting any case,
 * spaces and dashes; null when it cannot be a recovery code (bad input, not a wrong code).
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  return CODE_PATTERN.test(compact) ? compact : null;
}

/** The stored form of a normalised recovery code. */
export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

/** Index of `hash` in `hashes`, or -1; every entry is compared in constant time. */
export function findRecoveryHash(hashes: readonly string[], hash: string): number {
  const wanted = Buffer.from(hash, 'hex');
  let found = -1;
  hashes.forEach((stored, index) => {
    const candidate = Buffer.from(stored, 'hex');
    if (candidate.length === wanted.length && timingSafeEqual(candidate, wanted) && found < 0) found = index;
  });
  return found;
}
