/**
 * carol types wrong codes until the account locks. The test configuration (DEMO_TEST=1) makes the
 * first lock 3 seconds instead of 30, so the countdown can be watched to its end.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { enroll, signIn, signOut, useDemo, type Authenticator } from './harness.js';

describe('carol is locked out by wrong codes', () => {
  const app = useDemo();
  let authenticator: Authenticator;
  let recoveryCodes: string[] = [];

  before(async () => {
    await signIn(app.page, app.demo.url, 'carol');
    ({ authenticator, recoveryCodes } = await enroll(app.page));
    await signOut(app.page);
  });

  it('S20 wrong codes lock the account with a countdown; after it runs out a right code gets in', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'carol');
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
      await page.getByRole('button', { name: 'Verify' }).click();
      const left = 5 - attempt;
      await page
        .getByText(`${left} attempt${left === 1 ? '' : 's'} left before a lock-out.`)
        .first()
        .waitFor();
      await page.getByText('That code is not right.', { exact: false }).first().waitFor();
    }
    await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByRole('heading', { name: 'Too many attempts' }).waitFor();
    await page.getByText(/You can try again in/).waitFor();
    // The server agrees: locked, with a Retry-After, whatever the page does.
    const verify = await page.request.post(`${demo.url}/api/totp/verify`, {
      data: { code: authenticator.wrongCode() },
    });
    assert.equal(verify.status(), 429);
    assert.ok(Number(verify.headers()['retry-after']) >= 1);
    const status = await (await page.request.get(`${demo.url}/api/totp/status`)).json();
    assert.equal(status.state, 'locked');

    // The countdown runs out (3 s in the test configuration); then the code field comes back,
    // by itself or after "Try again".
    const field = page.getByLabel('Authentication code');
    const again = page.getByRole('button', { name: 'Try again' });
    await field.or(again).waitFor({ timeout: 15_000 });
    if (await again.isVisible()) await again.click();
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    await page.getByLabel('Authentication code').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  });

  it('S20 the lock-out screen offers a recovery code: typed during the lock, sent after it, and a typo says the shape', async () => {
    const { page, demo } = app;
    await signOut(page);
    await signIn(page, demo.url, 'carol');
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
      await page.getByRole('button', { name: 'Verify' }).click();
      if (attempt < 5)
        await page
          .getByText(`${5 - attempt} attempt`, { exact: false })
          .first()
          .waitFor();
    }
    await page.getByRole('heading', { name: 'Too many attempts' }).waitFor();
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByRole('heading', { name: 'Sign in with a recovery code' }).waitFor();
    const field = page.getByLabel('Recovery code');
    // A typo first: the real server refuses it as bad input, and the page says what a code looks like.
    await field.fill(recoveryCodes[0]!.slice(0, -1));
    const verify = page.getByRole('button', { name: 'Verify' });
    await page.locator('totp-challenge [part="countdown"]').waitFor({ state: 'detached', timeout: 15_000 });
    await verify.click();
    await page.getByText('Enter a recovery code: 10 letters and digits, like xxxxx-xxxxx.').waitFor();
    await field.fill(recoveryCodes[0]!);
    await verify.click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  });
});
