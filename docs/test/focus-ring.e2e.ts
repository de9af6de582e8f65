// The focus ring on this docs site, measured in Chromium on the built pages' live examples (the
// code field, and a button reached with the keyboard) in light and dark: at least 3:1 against the
// background next to it, and the figures the accessibility page states are these measurements
// (docs/.vitepress/data/focus-ring.json). `UPDATE_FOCUS_RING=1` writes the file from the run.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DIST, useBuiltSite } from './static-server.js';

const FIGURES = new URL('../.vitepress/data/focus-ring.json', import.meta.url);
const MEASURE = readFileSync(
  new URL('../../packages/elements/src/test/measure-focus-ring.js', import.meta.url),
  'utf8',
).replace('export function', 'function');

type Scheme = 'light' | 'dark';

describe('docs site: the focus ring, measured', () => {
  const site = useBuiltSite();

  async function ratio(page: Page): Promise<number> {
    const measured = await page.evaluate<{ ratio: number; ring: string }>(`${MEASURE}; measureFocusRing()`);
    assert.notEqual(measured.ring, 'none', 'a ring is drawn');
    return measured.ratio;
  }

  /** The lowest ratio of the code field and of a keyboard-focused button, in one colour scheme. */
  async function lowest(scheme: Scheme): Promise<number> {
    const page = await site.browser.newPage({ colorScheme: scheme });
    try {
      await page.goto(`${site.url}/components/totp-code-input.html`);
      const field = page
        .locator('.live-example[data-tag="totp-code-input"][data-ready="true"]')
        .getByLabel('Authentication code');
      await field.click();
      const input = await ratio(page);

      await page.goto(`${site.url}/components/totp-recovery-codes.html`);
      const example = page.locator('.live-example[data-tag="totp-recovery-codes"][data-ready="true"]');
      await example.getByRole('checkbox', { name: 'I have saved these codes' }).click();
      await page.keyboard.press('Shift+Tab'); // to the button before the box, by keyboard
      assert.equal(
        await page.evaluate(() => {
          let active = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return active?.localName;
        }),
        'button',
      );
      const button = await ratio(page);
      return Math.min(input, button);
    } finally {
      await page.close();
    }
  }

  it('is 3:1 or more in light and dark, and the accessibility page states the measured figures', async () => {
    const measured = {
      light: Number((await lowest('light')).toFixed(2)),
      dark: Number((await lowest('dark')).toFixed(2)),
    };
    for (const scheme of ['light', 'dark'] as const)
      assert.ok(measured[scheme] >= 3, `${scheme}: ${measured[scheme]}:1`);
    if (process.env.UPDATE_FOCUS_RING === '1') writeFileSync(FIGURES, `${JSON.stringify(measured, null, 2)}\n`);
    const stated = JSON.parse(readFileSync(FIGURES, 'utf8')) as typeof measured;
    assert.deepEqual(stated, measured, 'docs/.vitepress/data/focus-ring.json: run this test with UPDATE_FOCUS_RING=1');
    const page = readFileSync(join(DIST, 'guide/accessibility.html'), 'utf8');
    for (const scheme of ['light', 'dark'] as const)
      assert.ok(
        page.includes(`${stated[scheme].toFixed(2)}:1`),
        `the page states ${stated[scheme].toFixed(2)}:1 (${scheme})`,
      );
  });
});
