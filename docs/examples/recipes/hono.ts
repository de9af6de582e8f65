import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createTotpService, encryptionKeyFromEnv, memoryStore } from '@totp-gate/server';
import { SIGNED_OUT_COOKIE, identify, signIn, signOut } from './accounts.js';

const totp = createTotpService({
  store: memoryStore(), // sqliteStore(path) from '@totp-gate/server/sqlite' to survive restarts
  issuer: 'Acme',
  basePath: '/api/totp',
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
  identify,
});

export const app = new Hono();

// The REST contract: Hono hands over the web Request as it came.
app.all('/api/totp/*', (c) => totp.handle(c.req.raw));

// The first factor: your own sign-in and sign-out.
app.post('/login', async (c) => {
  const body = await c.req.json<{ username?: string; password?: string }>().catch(() => ({}) as never);
  const cookie = await signIn(body.username, body.password);
  if (!cookie) return c.json({ error: 'Wrong user name or password.' }, 401);
  c.header('set-cookie', cookie);
  return c.json({ ok: true });
});
app.post('/logout', async (c) => {
  const sessionId = await signOut(c.req.header('cookie'));
  // Forget the TOTP side too, so this session id can never count as verified again.
  if (sessionId) await totp.endSession(sessionId);
  c.header('set-cookie', SIGNED_OUT_COOKIE);
  return c.json({ ok: true });
});

// Protected routes ask the guard first: 401 (not signed in) or 403 (TOTP not passed yet).
const requireTotp = createMiddleware(async (c, next) => {
  const denied = await totp.guard(c.req.raw);
  if (denied) return denied;
  await next();
});
app.get('/api/notes', requireTotp, (c) =>
  c.json({ notes: ['Only for users who passed the second factor in this session.'] }),
);

/** On Node, with @hono/node-server: `await start(3000)` resolves to the listening server. */
export function start(port: number): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
  });
}
