/**
 * TOTP Gate as a host runs it on Node: `createTotpService` with the default policy, secrets sealed
 * with AES-256-GCM, an audit sink, `identify` from a session cookie, served by `toNodeHandler` on
 * node:http. argv: the store kind, its location, the encryption key (hex).
 *
 * A store row for the bench is one entry in STORES (PostgreSQL, Redis: a factory that opens the
 * store the same way a host would).
 */
import { createServer } from 'node:http';
import { createTotpService, sqliteStore, toNodeHandler, type TotpStore } from '@totp-gate/server';
import { serveForBench, sessionOf } from '../child.js';
import { identityOf, T1 } from '../fixture.js';

const STORES: Record<string, (location: string) => TotpStore | Promise<TotpStore>> = {
  sqlite: (path) => sqliteStore(path),
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
