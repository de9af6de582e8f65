/**
 * The encryption key from the environment: `encryptionKeyFromEnv()` reads `TOTP_KEY` (32 bytes
 * in base64) and, when it is missing or malformed, throws an error that says how to make one.
 * `TOTP_PREVIOUS_KEYS` (comma-separated, same format) lists retired keys while a rotation runs.
 */

/** The command the errors suggest; prints 32 random bytes in base64 (44 characters). */
export const GENERATE_KEY_COMMAND = `node -p "require('node:crypto').randomBytes(32).toString('base64')"`;

const BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/** Thrown when the key in the environment is missing or is not 32 bytes of base64. */
export class EncryptionKeyError extends Error {
  override readonly name = 'EncryptionKeyError';
}

type Env = Record<string, string | undefined>;

function processEnv(): Env {
  const env = (globalThis as { process?: { env?: Env } }).process?.env;
  if (env === undefined) {
    throw new EncryptionKeyError('There is no process.env here: pass the environment, encryptionKeyFromEnv(env).');
  }
  return env;
}

function decodeKey(name: string, text: string): Buffer {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64').length;
    throw new EncryptionKeyError(
      `${name} must be 32 random bytes in base64 (44 characters ending in "="); it is ${trimmed.length} characters` +
        ` (${bytes} bytes). Generate a key with:\n  ${GENERATE_KEY_COMMAND}`,
    );
  }
  return Buffer.from(trimmed, 'base64');
}

/**
 * The 32-byte key that seals authenticator secrets at rest, from `env[name]` (base64).
 * @throws EncryptionKeyError naming the variable and the command that generates a key.
 */
export function encryptionKeyFromEnv(name = 'TOTP_KEY', env: Env = processEnv()): Buffer {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new EncryptionKeyError(
      `${name} is not set. TOTP Gate encrypts every authenticator secret with a 32-byte key kept outside the` +
        ` database. Generate one with\n  ${GENERATE_KEY_COMMAND}\nstore it in your secret manager (or a .env file` +
        ` that is never committed), and start the server with ${name}=<that value>.`,
    );
  }
  return decodeKey(name, value);
}

/**
 * Retired keys during a rotation, from `env[name]`: base64 keys separated by commas; none when unset.
 * @throws EncryptionKeyError when one of them is not 32 bytes of base64.
 */
export function previousKeysFromEnv(name = 'TOTP_PREVIOUS_KEYS', env: Env = processEnv()): Buffer[] {
  const value = env[name]?.trim();
  if (!value) return [];
  return value.split(',').map((part, index) => decodeKey(`${name} (key ${index + 1})`, part));
}
