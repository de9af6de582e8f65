/** RFC 4648 base32, as authenticator apps use it for secrets. */
import { TotpGateError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Encodes bytes as upper-case base32 without `=` padding (S7). */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes base32 the way people type it: lower case, spaces and trailing `=` padding are
 * accepted; any other character, or nothing at all, is refused (S7).
 * @throws TotpGateError `bad-request`
 */
export function decodeBase32(input: string): Uint8Array {
  const clean = input.replace(/[\s]/g, '').replace(/=+$/, '').toUpperCase();
  if (clean.length === 0) throw new TotpGateError('bad-request', 'The secret is empty.');
  if (!/^[A-Z2-7]+$/.test(clean)) {
    throw new TotpGateError('bad-request', 'The secret contains a character that is not base32.');
  }
  // 1, 3 or 6 characters past a multiple of 8 cannot come from any byte string (RFC 4648).
  if ([1, 3, 6].includes(clean.length % 8)) {
    throw new TotpGateError('bad-request', 'The secret has a length no base32 encoder produces.');
  }
  const bytes = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return bytes;
}

/** Bits of key material in a base32 secret of this many characters. */
export function base32Bits(length: number): number {
  return Math.floor((length * 5) / 8) * 8;
}
