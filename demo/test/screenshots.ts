/**
 * Screenshots of every step of the demo, light and dark, for the docs and the README:
 * `node --import tsx demo/test/screenshots.ts` (not part of `npm test`). Writes PNG files to
 * docs/public/screenshots/demo/. Starts its own demo on a temporary database.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { Authenticator, enroll, launchBrowser, readKey, signIn, signOut, startDemo, tempDatabase } from './harness.js';

const OUT = fileURLToPath(new URL('../../docs/public/screenshots/demo/', import.meta.url));
mkdirSync(OUT, { recursive: true });

const db = tempDatabase();
const [demo, browser] = await Promise.all([startDemo(db.path), launchBrowser()]);
const written: string[] = [];

/** Lets animations settle, then saves the page (or, for phones, the screen) in light and in dark. */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    if (!fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    const path = `${OUT}${name}-${scheme}.png`;
    await page.screenshot({ path, fullPage });
    written.push(path);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();

  // 1. Sign-in page with the demo accounts.
  await page.goto(demo.url);
  await page.getByRole('heading', { name: 'Demo accounts' }).waitFor();
  await shoot(page, '01-sign-in');

  // 2. bob after the password: enrollment with the QR code, and the notes API refusing him.
  await signIn(page, demo.url, 'bob');
  await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
  await shoot(page, '02-enroll-start');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.locator('totp-qr svg').waitFor();
  await page.getByRole('button', { name: 'Try to read the notes API directly' }).click();
  await page.getByText('GET /api/notes → HTTP 403').waitFor();
  await page.mouse.click(5, 5);
  await shoot(page, '03-enroll-qr');

  // 3. The key by hand, with an error after a wrong code.
  const authenticator = new Authenticator(await readKey(page));
  await shoot(page, '04-enroll-key');
  await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByText('That code is not right', { exact: false }).first().waitFor();
  await shoot(page, '05-enroll-wrong-code');

  // 4. Recovery codes, shown once.
  await page.getByLabel('Authentication code').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
  await shoot(page, '06-recovery-codes');

  // 5. The portal.
  await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  await page.getByRole('button', { name: 'Try to read the notes API directly' }).click();
  await page.getByText('GET /api/notes → HTTP 200', { exact: false }).waitFor();
  await page.mouse.click(5, 5);
  await shoot(page, '07-portal');

  // 5b. Regenerating the recovery codes takes a fresh code.
  await page
    .locator('#regen-code')
    .getByLabel('Authentication code')
    .fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Regenerate recovery codes' }).click();
  await page.getByText('Your old recovery codes no longer work.', { exact: false }).waitFor();
  await shoot(page, '07-portal-new-recovery-codes');
  await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('New recovery codes saved.', { exact: false }).waitFor();

  // 6. The next sign-in: the challenge, then wrong codes until locked.
  await signOut(page);
  await signIn(page, demo.url, 'bob');
  await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
  await shoot(page, '08-challenge');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').waitFor();
  await shoot(page, '09-challenge-recovery-code');
  await page.getByRole('button', { name: 'Use your authenticator app' }).click();
  for (let i = 0; i < 4; i++) {
    await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(`${4 - i} attempt`, { exact: false }).waitFor();
  }
  await shoot(page, '10-challenge-wrong-code');
  await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Too many attempts' }).waitFor();
  await shoot(page, '11-locked');
  await signOut(page);

  // 7. erin: grace period, then the deferred banner.
  await signIn(page, demo.url, 'erin');
  await page.getByRole('button', { name: 'Later' }).waitFor();
  await shoot(page, '12-grace-period');
  await page.getByRole('button', { name: 'Later' }).click();
  await page.getByRole('button', { name: 'Set up now' }).waitFor();
  await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  await shoot(page, '13-deferred');
  await signOut(page);

  // 8. root: exempt, and the audit log says so.
  await signIn(page, demo.url, 'root');
  await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  await page.locator('.audit-entry[data-type="exemption-applied"]').waitFor();
  await shoot(page, '14-exempt');
  await signOut(page);

  // 9. dave: not covered by the policy.
  await signIn(page, demo.url, 'dave');
  await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  await shoot(page, '15-not-covered');
  await signOut(page);

  // 10. A phone: carol enrolls and reaches the portal.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const small = await phone.newPage();
  await signIn(small, demo.url, 'carol');
  await enroll(small, async (step) => {
    if (step === 'qr') await shoot(small, '16-phone-enroll', false);
  });
  await shoot(small, '17-phone-portal', false);
} finally {
  await browser.close();
  await demo.stop();
  db.remove();
}
console.log(written.map((p) => `wrote ${p}`).join('\n'));
