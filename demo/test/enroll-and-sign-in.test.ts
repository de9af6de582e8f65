/**
 * alice's whole life with the portal: enrollment and sign-in by keyboard alone, the notes API
 * refusing her until TOTP passes, replay, recovery codes, session rotation, and a restart.
 * The tests run in order and share one demo server (and alice's authenticator). She uses only
 * two time steps (enrollment and one sign-in); later sign-ins use recovery codes, so no test
 * waits for the next 30-second step.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { totp } from '@totp-gate/core/otp';
import {
  Authenticator,
  focusIsIn,
  hasOathtool,
  oathtoolCode,
  sessionCookie,
  signIn,
  signOut,
  startDemo,
  tabTo,
  useDemo,
} from './harness.js';

describe('alice enrolls and signs in', () => {
  const app = useDemo();
  let authenticator: Authenticator;
  let recoveryCodes: string[] = [];

  /** Signs in with the password form, keys only. */
  async function keyboardSignIn(): Promise<void> {
    const { page, demo } = app;
    await page.goto(demo.url);
    const username = page.getByLabel('Username');
    await username.waitFor();
    assert.ok(await focusIsIn(username), 'the username field has focus when the page opens');
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
  }

  it('S23 alice enrolls and reaches the notes by keyboard only; the notes API answers 403 until then', async () => {
    const { page, demo } = app;
    await keyboardSignIn();
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Set up an authenticator app' }));
    await page.keyboard.press('Enter');
    await page.locator('totp-qr svg').waitFor();

    // The server refuses the protected API to a password-only session, whatever the page shows.
    const direct = await page.request.get(`${demo.url}/api/notes`);
    assert.equal(direct.status(), 403);
    assert.equal((await direct.json()).error.code, 'totp-required');
    await tabTo(page, page.getByRole('button', { name: 'Try to read the notes API directly' }));
    await page.keyboard.press('Enter');
    await page.getByText('GET /api/notes → HTTP 403').waitFor();

    // Read the key the way a person without a camera would.
    await tabTo(page, page.getByRole('button', { name: "Can't scan? Enter the key by hand" }));
    await page.keyboard.press('Enter');
    const secretText = await page.locator('[part~="secret"]').first().innerText();
    const key = secretText.replace(/\s+/g, '');
    assert.match(key, /^[A-Z2-7]{32}$/, 'a 160-bit key in base32');
    authenticator = new Authenticator(key);
    if (hasOathtool) {
      const at = Math.floor(Date.now() / 1000);
      assert.equal(totp(key, at * 1000), oathtoolCode(key, at), 'otpauth and oathtool compute the same code');
    }

    await tabTo(page, page.getByLabel('Authentication code'));
    await page.keyboard.type(await authenticator.nextCode());
    await page.keyboard.press('Enter');

    // The recovery codes are shown once, and the gate stays shut until they are acknowledged.
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    recoveryCodes = (await page.locator('totp-recovery-codes li').allInnerTexts()).map((t) => t.trim());
    assert.equal(recoveryCodes.length, 10, 'ten recovery codes');
    for (const code of recoveryCodes) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    assert.equal(await page.getByRole('heading', { name: 'Internal notes' }).count(), 0);
    await tabTo(page, page.getByRole('checkbox', { name: 'I have saved these codes' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    await page.getByText('Payroll closes on the 25th').waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 200);

    // Sign out and in again: now a code is asked, not an enrollment.
    await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
    await page.keyboard.press('Enter');
    await keyboardSignIn();
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 403);
    const passwordOnly = await sessionCookie(page);
    await tabTo(page, page.getByLabel('Authentication code'));
    await page.keyboard.type(await authenticator.nextCode());
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    assert.notEqual(await sessionCookie(page), passwordOnly, 'S28: a new session id once the code passed');
  });

  it('S13 a code that was already used is refused with "already used"', async () => {
    const { page, demo } = app;
    await signOut(page);
    await signIn(page, demo.url, 'alice');
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    await page.getByLabel('Authentication code').fill(authenticator.lastCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code was already used. Wait for the next code in your app.').first().waitFor();
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 403);
  });

  it('S30 a recovery code signs in once, and not twice', async () => {
    const { page, demo } = app;
    const code = recoveryCodes[0]!;
    // Still on the challenge from the previous test.
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    await page.locator('.codes-left', { hasText: '9' }).waitFor();

    await signOut(page);
    await signIn(page, demo.url, 'alice');
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    // Sent again within minutes, a used recovery code is refused as reused, not counted as a guess (S47).
    await page.getByText('That recovery code was already used.', { exact: false }).first().waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 403);
  });

  it('S75 the refused reused recovery code is explained as a recovery code, not as an app code, in every language', async () => {
    const { page } = app;
    // Still on the refusal of the previous test.
    const texts = {
      en: 'That recovery code was already used.',
      de: 'Dieser Wiederherstellungscode wurde bereits verwendet.',
      fr: 'Ce code de récupération a déjà été utilisé.',
      es: 'Ese código de recuperación ya se ha usado.',
    };
    const alert = page.locator('totp-challenge [part="error"][role="alert"]');
    try {
      for (const [lang, text] of Object.entries(texts)) {
        await page.getByLabel('Language').selectOption(lang);
        await page.locator(`totp-gate[lang="${lang}"]`).waitFor();
        await alert.filter({ hasText: text }).waitFor();
        assert.equal((await alert.innerText()).trim(), text, lang);
      }
      assert.equal(await page.getByText('Wait for the next code', { exact: false }).count(), 0);
    } finally {
      await page.getByLabel('Language').selectOption('en');
    }
  });

  it('S28 the session cookie changes when the second factor passes, and the old one opens nothing', async () => {
    const { page, demo } = app;
    // Still on the recovery-code form from the previous test: only the password step has passed.
    const before = await sessionCookie(page);
    assert.ok(before, 'a session cookie after the password step');
    await page.getByLabel('Recovery code').fill(recoveryCodes[1]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    const afterCode = await sessionCookie(page);
    assert.ok(afterCode);
    assert.notEqual(afterCode, before, 'a new session id after the second factor');

    const stale = await fetch(`${demo.url}/api/notes`, { headers: { cookie: `acme_session=${before}` } });
    assert.equal(stale.status, 401, 'the pre-TOTP session is gone');
    const fresh = await fetch(`${demo.url}/api/notes`, { headers: { cookie: `acme_session=${afterCode}` } });
    assert.equal(fresh.status, 200, 'the verified mark moved to the new session');
  });

  it('alice is still enrolled after the demo server restarts on the same database', async () => {
    const { page } = app;
    await signOut(page);
    await app.demo.stop();
    app.demo = await startDemo(app.dbPath);
    await signIn(page, app.demo.url, 'alice');
    // Asked for a code, not sent to enrollment: the factor survived. A recovery code finishes the
    // sign-in without waiting for a fresh time step.
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[2]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    await page.locator('.codes-left', { hasText: '7' }).waitFor();
  });
});
