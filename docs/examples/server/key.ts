import { createTotpService, encryptionKeyFromEnv, previousKeysFromEnv, sqliteStore } from '@totp-gate/server';
import { identify } from './session.js';

export const totp = createTotpService({
  store: sqliteStore('./totp.sqlite'),
  issuer: 'Acme',
  identify,
  // TOTP_KEY: 32 random bytes in base64. A missing or malformed key stops the server at start
  // with an error that says how to make one.
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
  // During a rotation only: the retired key(s), comma-separated. Empty or unset otherwise.
  previousEncryptionKeys: previousKeysFromEnv('TOTP_PREVIOUS_KEYS'),
});
