// A fetch handler and nothing else: Bun, Deno and Cloudflare Workers (with nodejs_compat) run it
// as it stands. It imports no native module: the memory store, or your own TotpStore over the
// runtime's database; not sqliteStore, which needs better-sqlite3.
import { createTotpService, encryptionKeyFromEnv, memoryStore } from '@totp-gate/server';
import { SIGNED_OUT_COOKIE, identify, signIn, signOut } from './accounts.js';

const totp = createTotpService({
  store: memoryStore(),
  issuer: 'Acme',
  basePath: '/api/totp',
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
  identify,
});

async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith('/api/totp/')) return totp.handle(request);

  // The first factor: your own sign-in and sign-out.
  if (pathname === '/login' && request.method === 'POST') {
    const body = (await request.json().catch(() => ({}))) as { username?: string; password?: string };
    const cookie = await signIn(body.username, body.password);
    if (!cookie) return Response.json({ error: 'Wrong user name or password.' }, { status: 401 });
    return Response.json({ ok: true }, { headers: { 'set-cookie': cookie } });
  }
  if (pathname === '/logout' && request.method === 'POST') {
    const sessionId = await signOut(request.headers.get('cookie'));
    // Forget the TOTP side too, so this session id can never count as verified again.
    if (sessionId) await totp.endSession(sessionId);
    return Response.json({ ok: true }, { headers: { 'set-cookie': SIGNED_OUT_COOKIE } });
  }

  // Protected routes ask the guard first: 401 (not signed in) or 403 (TOTP not passed yet).
  if (pathname === '/api/notes' && request.method === 'GET') {
    const denied = await totp.guard(request);
    if (denied) return denied;
    return Response.json({ notes: ['Only for users who passed the second factor in this session.'] });
  }
  return Response.json({ error: 'Not found.' }, { status: 404 });
}

export default { fetch: route };
