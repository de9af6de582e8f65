import { createTotpService } from '@totp-gate/server';
import { sqliteStore } from '@totp-gate/server/sqlite';
import { identify } from './session.js';

export const totp = createTotpService({
  store: sqliteStore('./totp.sqlite'),
  issuer: 'Acme',
  identify, // (request) => { userId, sessionId, account, roles? } | null, from your session
});
