import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
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

export const app = Fastify();

// The REST contract, served on Node's own request and response. In this scope Fastify parses no
// body: toNodeHandler reads it (capped) itself.
await app.register(async (contract) => {
  contract.removeAllContentTypeParsers();
  contract.addContentTypeParser('*', (_request, _payload, done) => done(null));
  contract.all('/api/totp/*', async (request, reply) => {
    reply.hijack();
    await handleTotp(request.raw, reply.raw);
  });
});

// The first factor: your own sign-in and sign-out.
app.post<{ Body: { username?: string; password?: string } }>('/login', async (request, reply) => {
  const cookie = await signIn(request.body?.username, request.body?.password);
  if (!cookie) return reply.code(401).send({ error: 'Wrong user name or password.' });
  return reply.header('set-cookie', cookie).send({ ok: true });
});
app.post('/logout', async (request, reply) => {
  const sessionId = await signOut(request.headers.cookie);
  // Forget the TOTP side too, so this session id can never count as verified again.
  if (sessionId) await totp.endSession(sessionId);
  return reply.header('set-cookie', SIGNED_OUT_COOKIE).send({ ok: true });
});

// Protected routes ask the guard first: 401 (not signed in) or 403 (TOTP not passed yet).
async function requireTotp(request: FastifyRequest, reply: FastifyReply) {
  const denied = await totp.guard(toWebRequest(request.raw));
  if (denied)
    return reply
      .code(denied.status)
      .type('application/json')
      .send(await denied.text());
}
app.get('/api/notes', { preHandler: requireTotp }, async () => ({
  notes: ['Only for users who passed the second factor in this session.'],
}));

/** `await start(3000)`; resolves to the listening node:http server. */
export async function start(port: number) {
  await app.listen({ port, host: '127.0.0.1' });
  return app.server;
}
