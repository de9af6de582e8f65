import express from 'express';
import { createTotpService, encryptionKeyFromEnv, toNodeHandler } from '@totp-gate/server';
import { sqliteStore } from '@totp-gate/server/sqlite';
import { identify } from './session.js';
import { sendResponse, toWebRequest } from './node-request.js';

const totp = createTotpService({
  store: sqliteStore('./totp.sqlite'),
  issuer: 'Acme',
  basePath: '/api/totp', // the mount path below; toNodeHandler takes none
  // TOTP_KEY: 32 random bytes, base64; secrets are encrypted at rest with AES-256-GCM.
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
  identify, // your session lookup: who passed the password step?
  policy: { gracePeriodSeconds: 7 * 86_400 },
  onAudit: (event) => console.info('totp', event.type, event.userId, event.outcome),
});

const app = express();

// The REST contract: GET /api/totp/status, POST /api/totp/verify, …
app.use('/api/totp', toNodeHandler(totp));

// Every protected route asks the guard first.
app.get('/api/notes', async (req, res) => {
  const denied = await totp.guard(toWebRequest(req));
  if (denied) return sendResponse(res, denied); // 401, or 403 {error: {code: 'totp-required'}}
  res.json({ notes: ['Only for users who passed TOTP in this session.'] });
});

app.listen(3000);
