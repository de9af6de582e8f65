/**
 * Recovery codes (S30): ten by default, 50 random bits each from the CSPRNG, shown once as
 * `xxxxx-xxxxx` (lower-case base32), stored only as salted, keyed or cost-bearing hashes.
 *
 * Two stored forms, chosen by the service's configuration (docs/security.md says why):
 *
 * - With an `encryptionKey`: `hmac-sha256:v1:<salt>:<mac>`, HMAC-SHA-256 under a key derived
 *   from the encryption key (HKDF, its own label), with a random 16-byte salt per code. A stolen
 *   database without the key gives nothing to guess against, and a check costs microseconds, so
 *   no one can spend the server's CPU through the recovery endpoint.
 * - Without one: `scrypt:v1:<salt>:<hash>`, scrypt (N = 2^12, r = 8, p = 1: 4 MiB) with a random
 *   16-byte salt per set of codes. Every guess against a stolen hash costs one scrypt, and a
 *   redemption costs the server one scrypt whatever the number of codes.
 *
 * What is hashed is the SHA-256 digest of the normalised code, so the unsalted SHA-256 hex
 * digests stored before this format (`<64 hex>`) still verify, and can be upgraded to the new
 * form without knowing the codes (`upgradeHashes`).
 */
import { createHash, createHmac, hkdfSync, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { encodeBase32 } from '@totp-gate/core';
import type { RandomBytes } from '@totp-gate/core/otp';

const CODE_PATTERN = /^[a-z2-7]{10}$/;
const LEGACY = /^[0-9a-f]{64}$/;
const HMAC_PREFIX = 'hmac-sha256:v1:';
const SCRYPT_PREFIX = 'scrypt:v1:';
/** scrypt's cost: about 10 ms on a current server core, 4 MiB of memory. */
export const SCRYPT_PARAMS = { N: 2 ** 12, r: 8, p: 1, maxmem: 16 * 1024 * 1024 } as const;

/** The key recovery-code hashes are keyed with, derived from the `encryptionKey` (never the key itself). */
export function recoveryKeyFrom(encryptionKey: Buffer | undefined): Buffer | undefined {
  if (encryptionKey === undefined) return undefined;
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'totp-gate recovery codes v1', 32));
}

/**
 * A typed recovery code in canonical form (10 lower-case base32 characters), accepting any case,
 * spaces and dashes; null when it cannot be a recovery code (bad input, not a wrong code).
 */
export function canonicalRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  return CODE_PATTERN.test(compact) ? compact : null;
}

/** The SHA-256 digest of a normalised code: the input of every stored form. */
function digestOf(normalized: string): Buffer {
  return createHash('sha256').update(normalized, 'utf8').digest();
}

function runScrypt(input: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(input, salt, 32, SCRYPT_PARAMS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

// Parallel copies of one code (a double click, a retry) wait for one scrypt instead of one each.
const inFlight = new Map<string, Promise<Buffer>>();

function sharedScrypt(digest: Buffer, salt: Buffer): Promise<Buffer> {
  const key = `${salt.toString('base64url')}:${digest.toString('base64url')}`;
  let running = inFlight.get(key);
  if (running === undefined) {
    running = runScrypt(digest, salt).finally(() => inFlight.delete(key));
    inFlight.set(key, running);
  }
  return running;
}

function hmacOf(key: Buffer, salt: Buffer, digest: Buffer): Buffer {
  return createHmac('sha256', key).update(salt).update(digest).digest();
}

async function storedForm(digest: Buffer, key: Buffer | undefined, salt: Buffer): Promise<string> {
  if (key !== undefined)
    return `${HMAC_PREFIX}${salt.toString('base64url')}:${hmacOf(key, salt, digest).toString('base64url')}`;
  return `${SCRYPT_PREFIX}${salt.toString('base64url')}:${(await sharedScrypt(digest, salt)).toString('base64url')}`;
}

/** New recovery codes and their stored hashes (same order). */
export async function createRecoveryCodes(
  count: number,
  random: RandomBytes,
  key: Buffer | undefined,
): Promise<{ codes: string[]; hashes: string[] }> {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    // 7 bytes give 56 bits; the first 10 base32 characters keep 50 of them.
    const text = encodeBase32(random(7)).toLowerCase().slice(0, 10);
    codes.push(`${text.slice(0, 5)}-${text.slice(5)}`);
  }
  const batchSalt = Buffer.from(random(16));
  const hashes = await Promise.all(
    codes.map((code) => {
      const salt = key === undefined ? batchSalt : Buffer.from(random(16));
      return storedForm(digestOf(canonicalRecoveryCode(code)!), key, salt);
    }),
  );
  return { codes, hashes };
}

/** Whether any of `hashes` is in the unsalted SHA-256 form from before S30 was reworded. */
export function hasLegacyHashes(hashes: readonly string[]): boolean {
  return hashes.some((hash) => LEGACY.test(hash));
}

/**
 * The stored form for each legacy SHA-256 hash in `hashes` (one new salt for the set), keyed by
 * the legacy hash. The SHA-256 digest is the new forms' input, so no code is needed.
 */
export async function upgradeHashes(
  hashes: readonly string[],
  random: RandomBytes,
  key: Buffer | undefined,
): Promise<Map<string, string>> {
  const legacy = hashes.filter((hash) => LEGACY.test(hash));
  const batchSalt = Buffer.from(random(16));
  const upgraded = await Promise.all(
    legacy.map((hash) =>
      storedForm(Buffer.from(hash, 'hex'), key, key === undefined ? batchSalt : Buffer.from(random(16))),
    ),
  );
  return new Map(legacy.map((hash, i) => [hash, upgraded[i]!]));
}

/** Splits a stored hash into its scheme, salt and value; null for a form this version does not know. */
function parseStored(stored: string): { scheme: 'legacy' | 'hmac' | 'scrypt'; salt: Buffer; value: Buffer } | null {
  if (LEGACY.test(stored)) return { scheme: 'legacy', salt: Buffer.alloc(0), value: Buffer.from(stored, 'hex') };
  const scheme = stored.startsWith(HMAC_PREFIX) ? 'hmac' : stored.startsWith(SCRYPT_PREFIX) ? 'scrypt' : null;
  if (scheme === null) return null;
  const [salt, value] = stored.slice((scheme === 'hmac' ? HMAC_PREFIX : SCRYPT_PREFIX).length).split(':');
  if (salt === undefined || value === undefined) return null;
  return { scheme, salt: Buffer.from(salt, 'base64url'), value: Buffer.from(value, 'base64url') };
}

/**
 * The stored hashes among `candidates` that `normalized` matches. Each scrypt salt is computed
 * once, and every candidate is compared in constant time whatever matches (S19). An HMAC form
 * without a key (the host dropped its `encryptionKey`) matches nothing; during a key rotation it
 * is also tried under the keys derived from `previousEncryptionKeys` (`previous`).
 */
export async function matchingHashes(
  candidates: readonly string[],
  normalized: string,
  key: Buffer | undefined,
  previous: readonly Buffer[] = [],
): Promise<Set<string>> {
  const digest = digestOf(normalized);
  const scrypted = new Map<string, Promise<Buffer>>();
  const checks = candidates.map(async (stored) => {
    const parsed = parseStored(stored);
    if (parsed === null) return null;
    let computed: Buffer;
    if (parsed.scheme === 'legacy') computed = digest;
    else if (parsed.scheme === 'hmac') {
      if (key === undefined) return null;
      computed = hmacOf(key, parsed.salt, digest);
      for (const old of previous) {
        const before = hmacOf(old, parsed.salt, digest);
        if (before.length === parsed.value.length && timingSafeEqual(before, parsed.value)) computed = before;
      }
    } else {
      const saltKey = parsed.salt.toString('base64url');
      let running = scrypted.get(saltKey);
      if (running === undefined) {
        running = sharedScrypt(digest, parsed.salt);
        scrypted.set(saltKey, running);
      }
      computed = await running;
    }
    return computed.length === parsed.value.length && timingSafeEqual(computed, parsed.value) ? stored : null;
  });
  const found = new Set<string>();
  for (const stored of await Promise.all(checks)) if (stored !== null) found.add(stored);
  return found;
}
