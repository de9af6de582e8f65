// Two app processes behind one port (node:cluster shares the listening socket), one shared
// store for both: PostgreSQL or Redis, chosen by the URL. Behind a load balancer with several
// machines it is the same code, one process per machine.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { createTotpService, toNodeHandler, type TotpStore } from '@totp-gate/server';
import { postgresStore } from '@totp-gate/server/postgres';
import { redisStore } from '@totp-gate/server/redis';
import { identify } from './session.js'; // your sessions must be shared by every process, too

const url = process.env.TOTP_STORE_URL ?? 'postgres://totp@localhost/app';

if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
  cluster.on('exit', () => cluster.fork()); // keep two running
} else {
  const store: TotpStore = url.startsWith('redis') ? redisStore(url) : postgresStore(url);
  const totp = createTotpService({
    store,
    issuer: 'Acme',
    identify,
    // The same 32-byte key in every process, from your secret manager: each one must read
    // the secrets the others sealed.
    encryptionKey: Buffer.from(process.env.TOTP_ENCRYPTION_KEY ?? '', 'base64'),
    basePath: '/api/totp',
    onError: (error) => console.error('totp store', error), // 503s while the store is down
  });
  const handleTotp = toNodeHandler(totp); // routes under the service's basePath

  const server = createServer(async (req, res) => {
    if (req.url?.startsWith('/api/totp/')) return handleTotp(req, res);
    res.statusCode = 404;
    res.end();
  }).listen(Number(process.env.PORT ?? 3000));

  process.on('SIGTERM', () => server.close(() => void store.close?.()));
}
