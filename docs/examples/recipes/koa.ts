import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import type { Server } from 'node:http';
import { createTotpService, encryptionKeyFromEnv, memoryStore, toNodeHandler } from '@totp-gate/server';
import { SIGNED_OUT_COOKIE, identify, signIn, signOut } from './accounts.js';
import { toWebRequest } from './web-request.js';

const totp = createTotpService({
  store: memoryStore(), // sqliteStore(path) from '@totp-gate/server/sqlite' to survive restarts
  issuer: 'Acme',
  basePath: '/api/totp',
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
  identify,
});
const handleTotp = toNodeHandler(totp);

export const app = new Koa();

// The REST contract first, before any body parser: toNodeHandler reads the body itself and
// writes Node's response, so Koa must not respond.
app.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/api/totp/')) return next();
  ctx.respond = false;
  await handleTotp(ctx.req, ctx.res);
});

// Protected routes ask the guard first: 401 (not signed in) or 403 (TOTP not passed yet).
const requireTotp: Middleware = async (ctx, next) => {
  const denied = await totp.guard(toWebRequest(ctx.req));
  if (!denied) return next();
  ctx.status = denied.status;
  ctx.type = 'application/json';
  ctx.body = await denied.text();
};

const router = new Router();
// The first factor: your own sign-in and sign-out.
router.post('/login', bodyParser(), async (ctx) => {
  const body = (ctx.request.body ?? {}) as { username?: string; password?: string };
  const cookie = await signIn(body.username, body.password);
  if (!cookie) {
    ctx.status = 401;
    ctx.body = { error: 'Wrong user name or password.' };
    return;
  }
  ctx.set('set-cookie', cookie);
  ctx.body = { ok: true };
});
router.post('/logout', async (ctx) => {
  const sessionId = await signOut(ctx.get('cookie'));
  // Forget the TOTP side too, so this session id can never count as verified again.
  if (sessionId) await totp.endSession(sessionId);
  ctx.set('set-cookie', SIGNED_OUT_COOKIE);
  ctx.body = { ok: true };
});
router.get('/api/notes', requireTotp, (ctx) => {
  ctx.body = { notes: ['Only for users who passed the second factor in this session.'] };
});
app.use(router.routes()).use(router.allowedMethods());

/** `await start(3000)`; resolves to the listening node:http server. */
export function start(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(port, '127.0.0.1', () => resolve(server));
  });
}
