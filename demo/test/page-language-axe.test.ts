/**
 * The demo page checked with axe-core in Chromium at each step a signed-in person meets (the
 * gate's enrollment, the challenge, the open portal with its audit log): no violations, so the
 * gate steps have their h1 and the scrolling audit list can be reached and scrolled from the
 * keyboard. The language switch sets the gate's language to each shipped locale, the elements'
 * words then come from that locale's catalogue, and the choice survives a reload.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { de } from '../../packages/elements/src/messages/de.js';
import { enEnroll } from '../../packages/elements/src/messages/en-enroll.js';
import { enSignIn } from '../../packages/elements/src/messages/en-sign-in.js';
import { es } from '../../packages/elements/src/messages/es.js';
import { fr } from '../../packages/elements/src/messages/fr.js';
import { axeViolations, enroll, signIn, signOut, tabTo, useDemo, type Authenticator } from './harness.js';

const CATALOGUES = { en: { ...enSignIn, ...enEnroll }, de, fr, es } as const;

/** A catalogue entry that is plain text (these two are). */
function text(code: keyof typeof CATALOGUES, key: 'enrollStart' | 'enrollTitle'): string {
  const message = CATALOGUES[code][key];
  assert.equal(typeof message, 'string', `${code}.${key} is text`);
  return message as string;
}

describe('the demo page: axe, the h1 of the gate steps, the audit list, the language switch', () => {
  const app = useDemo();
  let authenticator: Authenticator;

  it('the enrollment step has an h1 and no axe violation', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'bob');
    await page.getByRole('button', { name: enEnroll.enrollStart }).waitFor();
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    ({ authenticator } = await enroll(page, async (step) => {
      if (step !== 'qr') assert.deepEqual(await axeViolations(page), [], `the ${step} step`);
    }));
  });

  it('the challenge step has an h1 and no axe violation', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'bob');
    await page.getByLabel('Authentication code').waitFor();
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('Authentication code').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  });

  it('the open portal has no axe violation; the long audit list takes focus and scrolls with the keyboard', async () => {
    const { page, demo } = app;
    // Sign-ins and sign-outs fill the audit log past its height.
    for (let i = 0; i < 6; i++) {
      await signOut(page);
      await signIn(page, demo.url, 'dave');
      await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    }
    const list = page.locator('.audit-list');
    await page.waitForFunction(() => {
      const el = document.querySelector('.audit-list');
      return el !== null && el.scrollHeight > el.clientHeight + 20;
    });
    assert.deepEqual(await axeViolations(page), []);
    await tabTo(page, list);
    assert.equal(await list.evaluate((el) => el.scrollTop), 0);
    await page.keyboard.press('End');
    // End scrolls to the oldest entry (smoothly, where the browser animates it).
    await page.waitForFunction(() => {
      const el = document.querySelector('.audit-list')!;
      return el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    });
  });

  it('the language switch speaks each shipped locale in the gate, and keeps the choice', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'carol');
    const gate = page.locator('totp-gate');
    const language = page.getByLabel('Language');
    for (const code of ['de', 'fr', 'es', 'en'] as const) {
      await language.selectOption(code);
      assert.equal(await gate.getAttribute('lang'), code);
      const start = page.getByRole('button', { name: text(code, 'enrollStart') });
      await start.waitFor();
      await page.getByRole('heading', { name: text(code, 'enrollTitle') }).waitFor();
      assert.equal(await page.locator('h1').getAttribute('lang'), code, 'the h1 above the gate too');
    }
    await language.selectOption('fr');
    await page.getByRole('button', { name: text('fr', 'enrollStart') }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: text('fr', 'enrollStart') }).waitFor();
    assert.equal(await page.getByLabel('Language').inputValue(), 'fr');
    assert.deepEqual(await axeViolations(page), [], 'in French');
    await page.getByLabel('Language').selectOption('en');
  });
});
