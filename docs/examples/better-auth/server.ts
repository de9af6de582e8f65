// An Acme app on node:http: better-auth signs people in, TOTP Gate is the mandatory second factor.
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { fromNodeHeaders, toNodeHandler as betterAuthNode } from 'better-auth/node';
import { createServer } from 'node:http';
import { sqliteStore, toNodeHandler } from '@totp-gate/server';
import { createBetterAuthTotpGate, totpGateSession } from '@totp-gate/better-auth';

export const auth = betterAuth({
  database: new Database('./data/auth.sqlite'),
  emailAndPassword: { enabled: true },
  plugins: [totpGateSession()], // rotates the session when a code passes (S28)
});

const totp = createBetterAuthTotpGate({
  auth,
  store: sqliteStore('./data/totp.sqlite'),
  issuer: 'Acme',
  basePath: '/api/totp',
  encryptionKey: Buffer.from(process.env.TOTP_KEY ?? '', 'base64'), // 32 bytes
  policy: { gracePeriodSeconds: 7 * 86_400 },
});

const handleAuth = betterAuthNode(auth);
const handleTotp = toNodeHandler(totp.service);

createServer(async (req, res) => {
  const path = req.url ?? '/';
  if (path.startsWith('/api/auth/')) return handleAuth(req, res);
  if (path.startsWith('/api/totp/')) return handleTotp(req, res);
  if (path.startsWith('/api/')) {
    // Every protected route asks the guard first: 401 signed out, 403 totp-required before TOTP.
    const request = new Request(new URL(path, 'http://localhost'), { headers: fromNodeHeaders(req.headers) });
    const denied = await totp.service.guard(request);
    res.setHeader('cache-control', 'no-store');
    if (denied) {
      denied.headers.forEach((value, name) => res.setHeader(name, value));
      res.statusCode = denied.status;
      return res.end(await denied.text());
    }
    res.setHeader('content-type', 'application/json');
    return res.end(JSON.stringify({ notes: ['Only for sessions that passed TOTP.'] }));
  }
  res.writeHead(404).end();
}).listen(3000);
