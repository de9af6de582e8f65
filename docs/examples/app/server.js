// @ts-check
// The whole server of the getting-started app: your sign-in (the first factor), the TOTP
// contract, a protected route, sign-out, and the built page. `node server.js`.
import express from 'express';
import { createTotpService, encryptionKeyFromEnv, memoryStore, toNodeHandler } from '@totp-gate/server';
import { endSession, identify, signIn } from './session.js';
import { webRequest } from './web-request.js';

const totp = createTotpService({
  // In memory, as the sessions in session.js are: both start empty at each restart. Keep
  // enrollments in a database with sqliteStore(path) or one of the other stores.
  store: memoryStore(),
  issuer: 'My App',
  basePath: '/api/totp', // where the contract is mounted below: the one place it is written
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'), // stops here, saying how to make one, when unset
  identify, // who passed the password step, from the session cookie
});

const app = express();

// The REST contract the <totp-gate> element talks to: GET /api/totp/status, POST /api/totp/verify, …
app.use('/api/totp', toNodeHandler(totp));

// The first factor: your own users and passwords.
app.post('/login', express.json(), async (req, res) => {
  const cookie = await signIn(String(req.body?.username ?? ''), String(req.body?.password ?? ''));
  if (!cookie) return res.status(401).json({ error: 'Wrong user name or password.' });
  res.setHeader('set-cookie', cookie).json({ ok: true });
});

app.post('/logout', async (req, res) => {
  const sessionId = await endSession(webRequest(req));
  // Forget the TOTP side of the session too, so this session id can never count as verified again.
  if (sessionId) await totp.endSession(sessionId);
  res.setHeader('set-cookie', 'sid=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0').json({ ok: true });
});

// Who is signed in (password step): the page shows the sign-in form or the gate.
app.get('/session', (req, res) => {
  const who = identify(webRequest(req));
  if (!who) return res.status(401).json({ error: 'Not signed in.' });
  res.json({ account: who.account });
});

// A protected route: the guard answers 401 (not signed in) or 403 (TOTP not passed yet).
app.get('/api/notes', async (req, res) => {
  const denied = await totp.guard(webRequest(req));
  if (denied)
    return res
      .status(denied.status)
      .type('json')
      .send(await denied.text());
  res.json({ notes: ['Only for users who passed the second factor in this session.'] });
});

// The page, built by `npx vite build` into dist/.
app.use(express.static('dist'));

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`Listening on http://localhost:${port}`));
