// Moving a user enrolled with better-auth's own two-factor plugin to TOTP Gate's server: the same
// authenticator keeps working, with real better-auth in this process.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { parseOtpauthUri } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import { twoFactor } from 'better-auth/plugins';
import { createWay1App, PASSWORD } from './test/app.js';
import { importBetterAuthFactors } from './migrate.js';

const encryptionKey = randomBytes(32);
const app = await createWay1App({ encryptionKey }, [twoFactor({ issuer: 'Acme Portal' })]);
after(() => app.close());

describe('importBetterAuthFactors', () => {
  it('a user enrolled with better-auth signs in with the same authenticator through TOTP Gate', async () => {
    const client = app.client();
    await client.signUp('moving@example.com');
    const enabled = await client.fetch('/api/auth/two-factor/enable', { body: { password: PASSWORD } });
    const uri = parseOtpauthUri(enabled.body.totpURI);
    const first = totp(uri.secret, Date.now(), uri);
    assert.equal((await client.fetch('/api/auth/two-factor/verify-totp', { body: { code: first } })).status, 200);
    const pending = app.client();
    await pending.signUp('never-confirmed@example.com');
    await pending.fetch('/api/auth/two-factor/enable', { body: { password: PASSWORD } });

    assert.deepEqual(await importBetterAuthFactors({ auth: app.auth, store: app.store, encryptionKey }), {
      imported: 1,
      skipped: 1,
    });
    assert.deepEqual(await importBetterAuthFactors({ auth: app.auth, store: app.store, encryptionKey }), {
      imported: 0,
      skipped: 2,
    });

    // The app switches better-auth's plugin off for the user; TOTP Gate now asks for the code.
    const context = await app.auth.$context;
    const user = await context.internalAdapter.findUserByEmail('moving@example.com');
    await context.internalAdapter.updateUser(user!.user.id, { twoFactorEnabled: false });
    const later = app.client();
    assert.equal((await later.signIn('moving@example.com')).status, 200);
    assert.equal((await later.fetch('/api/totp/status')).body.state, 'challenge-required');
    assert.equal((await later.fetch('/api/notes')).status, 403);
    const stored = await app.store.getUser(user!.user.id);
    assert.match(stored!.factor!.secret, /^aes-256-gcm:/, 'sealed with the service key');
    const code = totp(uri.secret, app.clock.now, uri);
    const verified = await later.fetch('/api/totp/verify', { body: { code } });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal((await later.fetch('/api/notes')).status, 200);
  });
});
