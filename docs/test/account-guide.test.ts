// Runs the account-management guide's server code: its policy and device cookie in a real
// service, through what the page describes: a second authenticator (after a fresh code), the
// remembered-device cookie and its attributes, and a lost phone under `afterUse: 'replace'`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { totp as codeAt } from '@totp-gate/core/otp';
import { createTotpService, memoryStore } from '@totp-gate/server';
import { accountPolicy, deviceCookie, handleTotp } from '../examples/server/account.js';

function setup() {
  const clock = { now: Date.UTC(2026, 0, 15, 9, 30) };
  const service = createTotpService({
    store: memoryStore(),
    issuer: 'Acme',
    policy: accountPolicy,
    deviceCookie,
    now: () => clock.now,
    identify: (request) => {
      const session = request.headers.get('x-session');
      return session ? { userId: 'alice', sessionId: session, account: 'alice@acme.test' } : null;
    },
  });
  const call = async (session: string, path: string, body?: unknown, cookie?: string) => {
    const response = await service.handle(
      new Request(`https://acme.test/api/totp${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'x-session': session,
          ...(cookie ? { cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return {
      status: response.status,
      cookie: response.headers.get('set-cookie'),
      body: (await response.json()) as any,
    };
  };
  return { clock, call };
}

describe('account-management guide', () => {
  it('its mount answers the contract (signed out: 401)', async () => {
    const response = await handleTotp(new Request('https://acme.test/api/totp/factors'));
    assert.equal(response.status, 401);
  });

  it('a second authenticator after a fresh code; either signs in; the last one stays', async () => {
    const { clock, call } = setup();
    const { secret } = (await call('s1', '/enrollment', {})).body;
    assert.equal((await call('s1', '/enrollment/confirm', { code: codeAt(secret, clock.now) })).status, 200);
    clock.now += 6 * 60_000;
    assert.equal((await call('s1', '/factors', { name: 'Tablet' })).body.error.code, 'step-up-required');
    assert.equal((await call('s1', '/verify', { code: codeAt(secret, clock.now) })).status, 200);
    const tablet = (await call('s1', '/factors', { name: 'Tablet' })).body;
    const added = await call('s1', '/factors/confirm', { code: codeAt(tablet.secret, clock.now) });
    assert.deepEqual(
      added.body.factors.map((f: { name: string }) => f.name),
      ['Authenticator', 'Tablet'],
    );
    clock.now += 30_000;
    assert.equal((await call('s2', '/verify', { code: codeAt(tablet.secret, clock.now) })).status, 200);
    assert.equal((await call('s3', '/verify', { code: codeAt(secret, clock.now) })).status, 200);
    const removed = await call('s3', '/factors/remove', { id: added.body.factor.id });
    const [last] = removed.body.factors;
    assert.equal((await call('s3', '/factors/remove', { id: last.id })).body.error.code, 'last-factor');
  });

  it('"Don\'t ask again on this device": a __Host- cookie, HttpOnly, Secure, SameSite=Strict, for 30 days', async () => {
    const { clock, call } = setup();
    const { secret } = (await call('s1', '/enrollment', {})).body;
    await call('s1', '/enrollment/confirm', { code: codeAt(secret, clock.now) });
    assert.equal((await call('s2', '/status')).body.rememberDays, 30);
    clock.now += 30_000;
    const verified = await call('s2', '/verify', { code: codeAt(secret, clock.now), rememberDevice: true });
    assert.match(
      verified.cookie!,
      /^__Host-totp-device=[\w-]{16}\.[\w-]{43}; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const cookie = verified.cookie!.split(';')[0]!;
    assert.equal((await call('s3', '/status', undefined, cookie)).body.state, 'verified', 'no code in this browser');
    assert.equal((await call('s4', '/status')).body.state, 'challenge-required', 'another browser enters a code');
    const { devices } = (await call('s3', '/devices', undefined, cookie)).body;
    const forgotten = await call('s3', '/devices/revoke', { id: devices[0].id }, cookie);
    assert.match(forgotten.cookie!, /^__Host-totp-device=; Max-Age=0;/);
    assert.equal((await call('s5', '/status', undefined, cookie)).body.state, 'challenge-required');
  });

  it('a lost phone: a recovery code opens the window for a new authenticator, which replaces the old one', async () => {
    const { clock, call } = setup();
    const { secret } = (await call('s1', '/enrollment', {})).body;
    const { recoveryCodes } = (await call('s1', '/enrollment/confirm', { code: codeAt(secret, clock.now) })).body;
    clock.now += 60_000;
    assert.deepEqual((await call('lost', '/recovery', { code: recoveryCodes[0] })).body, {
      state: 'enrollment-required',
      recoveryCodesLeft: 9,
    });
    const fresh = (await call('lost', '/enrollment', {})).body;
    assert.equal((await call('lost', '/enrollment/confirm', { code: codeAt(fresh.secret, clock.now) })).status, 200);
    clock.now += 30_000;
    const thief = await call('thief', '/verify', { code: codeAt(secret, clock.now) });
    assert.equal(thief.body.error.code, 'invalid-code', 'the lost phone no longer signs in');
  });
});
