/**
 * Secrets at rest. With an `encryptionKey` a secret is sealed with AES-256-GCM (random 96-bit IV,
 * 128-bit tag) and the user id as additional data, so a stolen database or backup does not give
 * away the secrets, and a sealed secret copied to another user's row fails to open.
 * Without a key secrets are stored as `plain:<BASE32>`; that is allowed but not recommended.
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { decodeBase32 } from '@totp-gate/core';

const SEALED = 'aes-256-gcm:v1:';
const PLAIN = 'plain:';

/** Checks an `encryptionKey` option: exactly 32 bytes. */
export function checkEncryptionKey(key: Uint8Array | undefined): Buffer | undefined {
  if (key === undefined) return undefined;
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new TypeError('encryptionKey must be 32 bytes (a Uint8Array or Buffer) for AES-256-GCM.');
  }
  return Buffer.from(key);
}

/** Turns a base32 secret into its stored form. */
export function sealSecret(secret: string, userId: string, key: Buffer | undefined): string {
  if (key === undefined) return PLAIN + secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return SEALED + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Turns a stored secret back into base32.
 * @throws Error when a sealed secret meets no key or the wrong key (a configuration fault).
 */
export function openSecret(stored: string, userId: string, key: Buffer | undefined): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  if (!stored.startsWith(SEALED)) throw new Error('Unknown stored secret format.');
  if (key === undefined) throw new Error('A secret is encrypted but no encryptionKey was given.');
  const raw = Buffer.from(stored.slice(SEALED.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(userId, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/**
 * HMAC keys by stored secret, so the hot path does not decrypt and decode on every code. Keys are
 * `KeyObject`s: on Node 20 and 22 `createHmac` costs the same with a KeyObject as with a Buffer,
 * while on Node 24 (OpenSSL 3.5) a Buffer key makes each HMAC about four times dearer. Bounded
 * (oldest entry dropped first); an entry is used only while the stored text is unchanged, so a changed
 * or reset factor never hits a stale key. The process holds a secret in memory while it verifies
 * anyway; this keeps it there for longer, never writes it anywhere.
 */
export class KeyCache {
  readonly #entries = new Map<string, { stored: string; key: KeyObject }>();
  readonly #limit: number;
  readonly #key: Buffer | undefined;

  constructor(encryptionKey: Buffer | undefined, limit = 10_000) {
    this.#key = encryptionKey;
    this.#limit = limit;
  }

  /** The base32 secret of a stored secret (for the one enrollment answer that shows it). */
  secretOf(stored: string, userId: string): string {
    return openSecret(stored, userId, this.#key);
  }

  /** The HMAC key for a stored secret. */
  get(stored: string, userId: string): KeyObject {
    const entry = this.#entries.get(userId);
    if (entry !== undefined && entry.stored === stored) return entry.key;
    const key = createSecretKey(decodeBase32(openSecret(stored, userId, this.#key)));
    if (entry === undefined && this.#entries.size >= this.#limit) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(userId, { stored, key });
    return key;
  }
}
