// mandatoryTwoFactor() on the real better-auth in this process, with better-auth's own twoFactor()
// plugin and its real browser client: enforcement, replay protection, policy.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { totp } from '@totp-gate/core/otp';
import { parseOtpauthUri, TotpGateError } from '@totp-gate/core';
import { twoFactor } from 'better-auth/plugins';
import { createAuth, createWay2App, PASSWORD, Client } from '../test/app.js';

const app = await createWay2App();
const graceApp = await createWay2App({ policy: { gracePeriodSeconds: 86_400 } });
const rolesApp = await createWay2App({
  policy: { requiredRoles: ['staff'] },
  roles: (u) => (u.email?.startsWith('staff') ? ['staff'] : []),
});
after(() => [app, graceApp, rolesApp].forEach((a) => a.close()));

let users = 0;
async function signedUp(a = app, prefix = 'user') {
  const email = `${prefix}${++users}@example.com`;
  const browser = a.browser();
  const result = await browser.authClient.signUp.email({ email, password: PASSWORD, name: email });
  assert.equal(result.error, null);
  return { ...browser, email };
}
async function enrolled(a = app) {
  const user = await signedUp(a);
  const enrollment = await user.backend.startEnrollment({ password: PASSWORD });
  await user.backend.confirmEnrollment(totp(enrollment.secret, Date.now(), enrollment));
  return { ...user, enrollment };
}
async function signIn(a: typeof app, email: string) {
  const browser = a.browser();
  const result = await browser.authClient.signIn.email({ email, password: PASSWORD });
  assert.equal(result.error, null);
  assert.equal((result.data as { twoFactorRedirect?: boolean }).twoFactorRedirect, true);
  return browser;
}
async function rejection(promise: Promise<unknown>): Promise<TotpGateError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof TotpGateError, String(error));
  return error;
}

describe('mandatoryTwoFactor() over better-auth twoFactor()', () => {
  it('S23 a session without the second factor reaches only enrollment, its session and sign-out', async () => {
    const user = await signedUp();
    const notes = await user.jar.fetch('/api/notes');
    assert.equal(notes.status, 403);
    assert.deepEqual([notes.body.error.code, notes.body.error.state], ['totp-required', 'enrollment-required']);
    const update = await user.jar.fetch('/api/auth/update-user', { body: { name: 'Mallory' } });
    assert.equal(update.status, 403);
    assert.equal(update.body.code, 'TWO_FACTOR_REQUIRED');
    const sessions = await user.jar.fetch('/api/auth/list-sessions');
    assert.equal(sessions.status, 403);
    assert.equal((await user.jar.fetch('/api/auth/get-session')).status, 200);
    const enrollment = await user.backend.startEnrollment({ password: PASSWORD });
    await user.backend.confirmEnrollment(totp(enrollment.secret, Date.now(), enrollment));
    assert.equal((await user.jar.fetch('/api/notes')).status, 200);
    assert.equal((await user.jar.fetch('/api/auth/update-user', { body: { name: 'Alice' } })).status, 200);
    assert.equal((await user.jar.fetch('/api/auth/sign-out', { body: {} })).status, 200);
    assert.equal((await user.jar.fetch('/api/notes')).status, 401);
  });

  it('S24 a session opened before the user enrolled elsewhere must still pass a code', async () => {
    const user = await signedUp();
    const early = app.browser();
    await early.authClient.signIn.email({ email: user.email, password: PASSWORD });
    const enrollment = await user.backend.startEnrollment({ password: PASSWORD });
    await user.backend.confirmEnrollment(totp(enrollment.secret, Date.now(), enrollment));
    const notes = await early.jar.fetch('/api/notes');
    assert.equal(notes.status, 403, 'the early session never passed the second factor');
    assert.equal(notes.body.error.state, 'challenge-required');
    assert.equal((await early.backend.status()).state, 'challenge-required');
    await early.backend.verify(totp(enrollment.secret, Date.now() + 30_000, enrollment));
    assert.equal((await early.jar.fetch('/api/notes')).status, 200);
  });

  it('S13 a TOTP code accepted once is refused with code-reused, also in another sign-in', async () => {
    const user = await enrolled();
    const code = totp(user.enrollment.secret, Date.now() + 30_000, user.enrollment);
    const first = await signIn(app, user.email);
    await first.backend.verify(code);
    assert.equal((await first.jar.fetch('/api/notes')).status, 200);
    const second = await signIn(app, user.email);
    const error = await rejection(second.backend.verify(code));
    assert.equal(error.code, 'code-reused');
    assert.equal((await second.jar.fetch('/api/auth/get-session')).body, null, 'no session was created');
  });

  it('S14 ten parallel sign-ins with one valid code: exactly one gets a session', async () => {
    const user = await enrolled();
    const code = totp(user.enrollment.secret, Date.now() + 30_000, user.enrollment);
    const browsers = await Promise.all(Array.from({ length: 10 }, () => signIn(app, user.email)));
    const results = await Promise.allSettled(browsers.map((b) => b.backend.verify(code)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as TotpGateError).code] : []));
    assert.deepEqual([...new Set(reasons)], ['code-reused']);
  });

  it('S13 without mandatoryTwoFactor(), better-auth alone accepts the same code twice (why the plugin claims steps)', async () => {
    const made = await createAuth([twoFactor({ issuer: 'Plain' })]);
    try {
      const handler = (r: Request) => made.auth.handler(r);
      const owner = new Client(handler);
      await owner.signUp('plain@example.com');
      const enabled = await owner.fetch('/api/auth/two-factor/enable', { body: { password: PASSWORD } });
      const uri = parseOtpauthUri(enabled.body.totpURI);
      const code = totp(uri.secret, Date.now(), uri);
      assert.equal((await owner.fetch('/api/auth/two-factor/verify-totp', { body: { code } })).status, 200);
      const again = new Client(handler);
      await again.signIn('plain@example.com');
      const replay = await again.fetch('/api/auth/two-factor/verify-totp', { body: { code } });
      assert.equal(replay.status, 200, 'better-auth 1.7 has no replay protection of its own');
    } finally {
      made.close();
    }
  });

  it('S20 five wrong codes lock the account (better-auth accountLockout); status says until when', async () => {
    const user = await enrolled();
    const attacker = await signIn(app, user.email);
    const wrong = (i: number) => String(100_000 + i * 7919).slice(0, 6);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await rejection(attacker.backend.verify(wrong(i)))).code);
    assert.deepEqual(codes, ['invalid-code', 'invalid-code', 'invalid-code', 'invalid-code', 'invalid-code', 'locked']);
    const fresh = await signIn(app, user.email);
    const status = await fresh.backend.status();
    assert.equal(status.state, 'locked');
    assert.ok(status.lockedUntil && Date.parse(status.lockedUntil) > Date.now());
    const right = totp(user.enrollment.secret, Date.now() + 30_000, user.enrollment);
    const refused = await rejection(fresh.backend.verify(right));
    assert.equal(refused.code, 'locked');
    assert.ok(refused.retryAt instanceof Date);
  });

  it('S26 an active factor cannot be replaced, nor switched off while the policy requires it', async () => {
    const user = await enrolled();
    const again = await user.jar.fetch('/api/auth/two-factor/enable', { body: { password: PASSWORD } });
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'TOTP_ALREADY_ENABLED');
    const off = await user.jar.fetch('/api/auth/two-factor/disable', { body: { password: PASSWORD } });
    assert.equal(off.status, 403);
    assert.equal(off.body.code, 'TWO_FACTOR_MANDATORY');
    assert.equal((await user.jar.fetch('/api/notes')).status, 200);
  });

  it('S32 inside a grace period the user may defer; the session then reaches protected routes', async () => {
    const user = await signedUp(graceApp);
    const status = await user.backend.status();
    assert.equal(status.state, 'enrollment-required');
    assert.ok(status.graceEndsAt && Date.parse(status.graceEndsAt) > Date.now());
    assert.equal((await user.jar.fetch('/api/notes')).status, 403);
    const deferred = await user.backend.defer!();
    assert.equal(deferred.state, 'deferred');
    assert.equal((await user.backend.status()).state, 'deferred');
    assert.equal((await user.jar.fetch('/api/notes')).status, 200);
  });

  it('S31 requiredRoles: users outside them are not asked; those inside are', async () => {
    const outside = await signedUp(rolesApp, 'guest');
    assert.equal((await outside.backend.status()).state, 'verified');
    assert.equal((await outside.jar.fetch('/api/notes')).status, 200);
    const staff = await signedUp(rolesApp, 'staff');
    assert.equal((await staff.backend.status()).state, 'enrollment-required');
    assert.equal((await staff.jar.fetch('/api/notes')).status, 403);
  });

  it('S35 errors carry TOTP Gate codes and own messages, never better-auth text or the code', async () => {
    const user = await signedUp();
    const wrongPassword = await rejection(user.backend.startEnrollment({ password: 'not the password' }));
    assert.deepEqual([wrongPassword.code, wrongPassword.message], ['bad-request', 'The password is not correct.']);
    const enrollment = await user.backend.startEnrollment({ password: PASSWORD });
    const right = totp(enrollment.secret, Date.now(), enrollment);
    const wrong = right === '000000' ? '111111' : '000000';
    const error = await rejection(user.backend.confirmEnrollment(wrong));
    assert.equal(error.code, 'invalid-code');
    assert.equal(error.message.includes(wrong), false);
    assert.equal(error.message, 'The code is not correct.');
  });
});
