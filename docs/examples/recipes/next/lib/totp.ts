import { createTotpService, encryptionKeyFromEnv, memoryStore, type TotpService } from '@totp-gate/server';
import { identify } from '../../accounts.js';

// Next.js bundles proxy.ts and each route handler on its own: keep one service for the whole
// process on globalThis, or the proxy would ask a different store than the routes wrote to. With
// several processes, use a shared store (sqliteStore, postgresStore, redisStore).
const shared = globalThis as typeof globalThis & { totpGate?: TotpService };

export const totp = (shared.totpGate ??= createTotpService({
  store: memoryStore(),
  issuer: 'Acme',
  basePath: '/api/totp',
  encryptionKey: encryptionKeyFromEnv('TOTP_KEY'),
  identify,
}));
