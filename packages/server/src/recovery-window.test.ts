/**
 * S55: under `recoveryCodes.afterUse: 'enroll' | 'replace'`, a sign-in with a recovery code (the
 * phone is lost) opens a short window in which the session must set up a new authenticator and
 * reaches nothing else. The policy decides whether the old authenticator survives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryStore } from './index.js';
import { STEP, codeAt, enrolled, makeHarness } from './test/harness.js';

const MINUTE = 60_000;

async function recovered(afterUse: 'enroll' | 'replace' | 'continue') {
  const h = makeHarness(memoryStore(), { policy: { recoveryCodes: { afterUse, enrollWindowSeconds: 600 } } });
  const { secret, recoveryCodes } = await enrolled(h, 'alice');
  h.clock.now += STEP;
  const lost = h.as('alice', 'alice-lost-phone');
  const redeemed = await lost.recovery(recoveryCodes[0]);
  assert.equal(redeemed.status, 200, JSON.stringify(redeemed.body));
  return { h, secret, lost, redeemed };
}

describe('S55 a recovery code opens a window to set up a new authenticator', () => {
  it('S55 by default a recovery code signs the session in, as before', async () => {
    const { lost, redeemed } = await recovered('continue');
    assert.deepEqual(redeemed.body, { state: 'verified', recoveryCodesLeft: 9 });
    assert.equal(await lost.guard(), null);
  });

  it('S55 attack: inside the window the session reaches nothing but enrollment', async () => {
    const { h, lost, redeemed } = await recovered('enroll');
    assert.deepEqual(redeemed.body, { state: 'enrollment-required', recoveryCodesLeft: 9 });
    assert.equal((await lost.status()).body.state, 'enrollment-required');
    const denied = await lost.guard();
    assert.equal(denied?.status, 403);
    assert.equal(denied?.body.error.code, 'totp-required');
    // No account management and no new recovery codes from such a session.
    const factors = await h.request('/factors', { user: 'alice', session: 'alice-lost-phone' });
    assert.equal(factors.body.error.code, 'totp-required');
    const add = await h.post('/factors', 'alice', 'alice-lost-phone', { name: 'Mine now' });
    assert.equal(add.body.error.code, 'totp-required');
    assert.equal((await lost.regenerate('123456')).body.error.code, 'totp-required');
  });

  it('S55 with afterUse "enroll": the new authenticator is added, the old one still signs in', async () => {
    const { h, secret, lost } = await recovered('enroll');
    const enrollment = await lost.enroll();
    assert.equal(enrollment.status, 200, JSON.stringify(enrollment.body));
    const confirmed = await lost.confirm(codeAt(enrollment.body.secret, h.clock.now));
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.recoveryCodes.length, 10, 'new recovery codes replace the used set');
    assert.equal(await lost.guard(), null);
    assert.equal((await lost.status()).body.state, 'verified');
    const user = await h.store.getUser('alice');
    assert.deepEqual(
      user!.factors!.map((f) => f.name),
      ['Authenticator', 'Authenticator 2'],
    );
    h.clock.now += STEP;
    assert.equal((await h.as('alice', 'alice-old-app').verify(codeAt(secret, h.clock.now))).status, 200);
  });

  it('S55 attack: with afterUse "replace" the lost authenticator stops working once the new one is set up', async () => {
    const { h, secret, lost } = await recovered('replace');
    const enrollment = await lost.enroll();
    assert.equal((await lost.confirm(codeAt(enrollment.body.secret, h.clock.now))).status, 200);
    const user = await h.store.getUser('alice');
    assert.equal(user!.factors!.length, 1);
    h.clock.now += STEP;
    const thief = await h.as('alice', 'alice-thief').verify(codeAt(secret, h.clock.now));
    assert.equal(thief.status, 400);
    assert.equal(thief.body.error.code, 'invalid-code');
    assert.equal((await h.as('alice', 'alice-new').verify(codeAt(enrollment.body.secret, h.clock.now))).status, 200);
  });

  it('S55 attack: once the window is over the session is asked for a code again and may not enroll', async () => {
    const { h, lost } = await recovered('replace');
    h.clock.now += 10 * MINUTE;
    assert.equal((await lost.status()).body.state, 'challenge-required');
    assert.notEqual(await lost.guard(), null);
    const late = await lost.enroll();
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'already-enrolled');
  });

  it('S55 attack: an administrator reset during the window closes it', async () => {
    const { h, lost } = await recovered('enroll');
    await h.service.admin.reset('alice', { reason: 'Recovery code reported stolen', adminId: 'admin-1' });
    await enrolled(h, 'alice', 'alice-after-reset');
    assert.equal((await lost.status()).body.state, 'challenge-required');
    assert.equal((await lost.enroll()).status, 409);
  });

  it('S55 the policy option is checked: an unknown afterUse is refused when the service is made', () => {
    assert.throws(
      () => makeHarness(memoryStore(), { policy: { recoveryCodes: { afterUse: 'forget' as 'enroll' } } }),
      /afterUse/,
    );
  });
});
