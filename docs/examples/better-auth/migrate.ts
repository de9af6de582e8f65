// Run once when moving from better-auth's two-factor plugin to TOTP Gate's server: enrolled users
// keep their authenticator. Then drop twoFactor() from better-auth's plugins.
import { importBetterAuthFactors } from '@totp-gate/better-auth';
import { sqliteStore } from '@totp-gate/server';
import { auth } from './plugin.js';

const { imported, skipped } = await importBetterAuthFactors({
  auth,
  store: sqliteStore('./data/totp.sqlite'),
  encryptionKey: Buffer.from(process.env.TOTP_KEY ?? '', 'base64'),
});
console.log(`${imported} authenticators moved, ${skipped} left (unconfirmed or already there)`);
