/**
 * TOTP Gate as a host runs it on Node: `createTotpService` with the default policy, secrets sealed
 * with AES-256-GCM, an audit sink, `identify` from a session cookie, served by `toNodeHandler` on
 * node:http. argv: the store kind, its location (a file, or a server's URL), the encryption key
 * (hex). Each entry of STORES opens its store the way a host would, with its default options (the
 * PostgreSQL store's own pool of 10 connections, the Redis store's pool of 16).
 */
import { createServer } from 'node:http';
import { createTotpService, toNodeHandler, type TotpStore } from '@totp-gate/server';
import { postgresStore } from '@totp-gate/server/postgres';
import { redisStore } from '@totp-gate/server/redis';
import { sqliteStore } from '@totp-gate/server/sqlite';
import { serveForBench, sessionOf } from '../child.js';
import { identityOf, T1 } from '../fixture.js';

const STORES: Record<string, (location: string) => TotpStore | Promise<TotpStore>> = {
  sqlite: (path) => sqliteStore(path),
  postgres: (url) => postgresStore(url),
  redis: (url) => redisStore(url),
};

const [kind = 'sqlite', location = '', keyHex = ''] = process.argv.slice(2);
const open = STORES[kind];
if (!open) throw new Error(`unknown store ${kind}`);
const service = createTotpService({
  store: await open(location),
  issuer: 'Bench',
  now: () => T1,
  encryptionKey: Buffer.from(keyHex, 'hex'),
  identify: (request) => {
    const sid = sessionOf(request.headers.get('cookie'));
    return sid === null ? null : identityOf(sid);
  },
  onAudit: () => undefined,
  basePath: '/api/totp',
});

serveForBench(createServer(toNodeHandler(service)));
