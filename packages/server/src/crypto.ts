/**
 * Secrets at rest. With an `encryptionKey` a secret is sealed with AES-256-GCM (random 96-bit IV,
 * 128-bit tag) and the user id as additional data, so a stolen database or backup does not give
 * away the secrets, and a sealed secret copied to another user's row fails to open.
 * Without a key secrets are stored as `plain:<BASE32>`; that is allowed but not recommended.
 * Rotation: secrets sealed under one of the `previous` keys still open, and the service seals them
 * again under the current key at the user's next successful sign-in ({@link KeyCache.reseal}).
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { decodeBase32 } from '@totp-gate/core';
import { GENERATE_KEY_COMMAND } from './key.js';

const SEALED = 'aes-256-gcm:v1:';
const PLAIN = 'plain:';

/** Checks an `encryptionKey` option: exactly 32 bytes. */
export function checkEncryptionKey(key: Uint8Array | undefined, option = 'encryptionKey'): Buffer | undefined {
  if (key === undefined) return undefined;
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    const got = key instanceof Uint8Array ? `${key.length} bytes` : typeof key;
    throw new TypeError(
      `${option} must be 32 bytes (a Uint8Array or Buffer) for AES-256-GCM; it is ${got}. Read it with` +
        ` encryptionKeyFromEnv('TOTP_KEY'), and generate a key with\n  ${GENERATE_KEY_COMMAND}`,
    );
  }
  return Buffer.from(key);
}

/** Checks a `previousEncryptionKeys` option: a list of 32-byte keys. */
export function checkPreviousKeys(keys: readonly Uint8Array[] | undefined): Buffer[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys)) throw new TypeError('previousEncryptionKeys must be an array of 32-byte keys.');
  return keys.map((key, index) => checkEncryptionKey(key, `previousEncryptionKeys[${index}]`)!);
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

/** Opens a sealed secret with one key; null when the key does not fit (GCM authentication fails). */
function openWith(raw: Buffer, userId: string, key: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * Turns a stored secret back into base32, with the current key or a previous one.
 * `current` says whether it is stored as it would be written now (sealed under the current key).
 * @throws Error when a sealed secret meets no key or no key fits (a configuration fault).
 */
export function openSecret(
  stored: string,
  userId: string,
  key: Buffer | undefined,
  previous: readonly Buffer[] = [],
): { secret: string; current: boolean } {
  if (stored.startsWith(PLAIN)) return { secret: stored.slice(PLAIN.length), current: key === undefined };
  if (!stored.startsWith(SEALED)) throw new Error('Unknown stored secret format.');
  if (key === undefined) throw new Error('A secret is encrypted but no encryptionKey was given.');
  const raw = Buffer.from(stored.slice(SEALED.length), 'base64url');
  const secret = openWith(raw, userId, key);
  if (secret !== null) return { secret, current: true };
  for (const old of previous) {
    const opened = openWith(raw, userId, old);
    if (opened !== null) return { secret: opened, current: false };
  }
  throw new Error(
    'A secret does not open with the encryptionKey (nor with any of previousEncryptionKeys): the key changed' +
      ' without the old one in previousEncryptionKeys, or the record was altered.',
  );
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
  readonly #entries = new Map<string, { stored: string; key: KeyObject; current: boolean }>();
  readonly #limit: number;
  readonly #key: Buffer | undefined;
  readonly #previous: readonly Buffer[];

  constructor(encryptionKey: Buffer | undefined, limit = 10_000, previous: readonly Buffer[] = []) {
    this.#key = encryptionKey;
    this.#limit = limit;
    this.#previous = previous;
  }

  /** The base32 secret of a stored secret (for the one enrollment answer that shows it). */
  secretOf(stored: string, userId: string): string {
    return openSecret(stored, userId, this.#key, this.#previous).secret;
  }

  /** The HMAC key for a stored secret. */
  get(stored: string, userId: string): KeyObject {
    const entry = this.#entries.get(userId);
    if (entry !== undefined && entry.stored === stored) return entry.key;
    const { secret, current } = openSecret(stored, userId, this.#key, this.#previous);
    const key = createSecretKey(decodeBase32(secret));
    if (entry === undefined && this.#entries.size >= this.#limit) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(userId, { stored, key, current });
    return key;
  }

  /**
   * The stored form to write instead of `stored` when it was sealed under a previous key (or
   * stored plain while a key is set): the same secret sealed under the current key. Undefined when
   * `stored` is already current. Call it after {@link get} on the same secret.
   */
  reseal(stored: string, userId: string): string | undefined {
    const entry = this.#entries.get(userId);
    const current = entry !== undefined && entry.stored === stored ? entry.current : this.#isCurrent(stored, userId);
    return current ? undefined : sealSecret(this.secretOf(stored, userId), userId, this.#key);
  }

  #isCurrent(stored: string, userId: string): boolean {
    return openSecret(stored, userId, this.#key, this.#previous).current;
  }
}
