/**
 * TOTP verification on node:crypto: the hot path of the server. Codes are computed here rather
 * than through otpauth because a wrong code costs three HMACs and nothing else should cost more;
 * `verify.test.ts` proves these codes equal otpauth's, the RFC 4226 / 6238 vectors and oathtool's.
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { FactorAlgorithm } from './stores/types.js';

const HASHES: Record<FactorAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };
const TWO_32 = 2 ** 32;

/** The parameters a code is checked with. */
export interface CodeCheckParameters {
  algorithm: FactorAlgorithm;
  digits: number;
  period: number;
  /** Steps accepted either side of the current one (S15). */
  window: number;
}

/** The outcome of {@link checkCode}. */
export interface CodeCheck {
  /** The time step the code was accepted for, or null. Step 0 is a valid step (S17). */
  step: number | null;
  /** The code matched, but only steps that were already accepted (S13). */
  reused: boolean;
}

// Scratch buffers for the synchronous hot path (no await happens while they are in use).
const message = Buffer.alloc(8);
const computed = Buffer.alloc(4);
const given = Buffer.alloc(4);

/** The HOTP value (RFC 4226) of `counter`, as an integer below 10^digits. */
export function hotpValue(
  key: KeyObject | Uint8Array,
  counter: number,
  algorithm: FactorAlgorithm,
  digits: number,
): number {
  // Two 32-bit halves: a step past 2^32 (far future, or a small period) is not truncated (S3).
  message.writeUInt32BE(Math.floor(counter / TWO_32), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(HASHES[algorithm], key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return binary % 10 ** digits;
}

/** The HOTP code of `counter` as a string with leading zeros. */
export function hotpCode(
  key: KeyObject | Uint8Array,
  counter: number,
  algorithm: FactorAlgorithm,
  digits: number,
): string {
  return String(hotpValue(key, counter, algorithm, digits)).padStart(digits, '0');
}

/** Constant-time equality of two code values, as two 4-byte buffers of equal length (S19). */
function same(value: number): boolean {
  computed.writeUInt32BE(value, 0);
  return timingSafeEqual(computed, given);
}

/**
 * Checks `code` (exactly `digits` ASCII digits, already normalised) against every step of the
 * window around `nowMs`, the server's time (S16). Every step is computed and compared in constant
 * time whatever matches (S19), so the time taken says nothing about the code. A step at or below
 * `lastStep` is never accepted (S13). Comparing the numeric values is the same as comparing the
 * digit strings because both have exactly `digits` digits (leading zeros included).
 */
export function checkCode(
  key: KeyObject | Uint8Array,
  code: string,
  params: CodeCheckParameters,
  nowMs: number,
  lastStep: number | null,
): CodeCheck {
  given.writeUInt32BE(Number(code), 0);
  const current = Math.floor(nowMs / 1000 / params.period);
  let step: number | null = null;
  let reused = false;
  for (let delta = -params.window; delta <= params.window; delta++) {
    const candidate = current + delta;
    if (candidate < 0) continue;
    if (!same(hotpValue(key, candidate, params.algorithm, params.digits))) continue;
    if (lastStep !== null && candidate <= lastStep) reused = true;
    else if (step === null) step = candidate;
  }
  return { step, reused: step === null && reused };
}

/**
 * For the clock-skew hint at enrollment confirm only: the offset in seconds (negative: the
 * authenticator is behind) of the nearest step outside the window, up to `maxSeconds` either way,
 * whose code equals `code`; null when none does. Never used at sign-in, where it would help an
 * attacker who holds a stale code.
 */
export function findSkew(
  key: KeyObject | Uint8Array,
  code: string,
  params: CodeCheckParameters,
  nowMs: number,
  maxSeconds = 600,
): number | null {
  given.writeUInt32BE(Number(code), 0);
  const current = Math.floor(nowMs / 1000 / params.period);
  const reach = Math.floor(maxSeconds / params.period);
  for (let distance = params.window + 1; distance <= reach; distance++) {
    for (const delta of [-distance, distance]) {
      const candidate = current + delta;
      if (candidate >= 0 && same(hotpValue(key, candidate, params.algorithm, params.digits))) {
        return delta * params.period;
      }
    }
  }
  return null;
}
