import { randomUUID } from 'node:crypto';
import { createTotpService, memoryStore } from '@totp-gate/server';
import { identify } from './session.js';

/** Your session store's rotation: the old id stops working, the new one carries the session on. */
declare function rotateSessionId(oldId: string, newId: string): Promise<void>;

export const totp = createTotpService({
  store: memoryStore(),
  issuer: 'Acme',
  identify,
  onVerified: async (_request, user) => {
    const sessionId = randomUUID();
    await rotateSessionId(user.sessionId, sessionId);
    return {
      sessionId, // the verified mark moves to the new id
      headers: { 'set-cookie': `sid=${sessionId}; HttpOnly; Secure; SameSite=Lax; Path=/` },
    };
  },
});
