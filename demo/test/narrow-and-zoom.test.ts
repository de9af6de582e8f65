/**
 * The demo at 375 px (a small phone) and at 200 % zoom (a 1280 × 860 window zoomed in: 640 × 430
 * CSS px at two device pixels each), measured in Chromium rather than looked at: nothing in the
 * top bar overlaps and nothing scrolls sideways; the key never leaves one group of four alone on
 * a line; the progress cells are not green under a refused code; "10." sits inside the recovery
 * list's border; the one-column audit log shows its last entry whole; the gate's card is as wide
 * as the cards below it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Authenticator, signIn, useDemo } from './harness.js';

const SIZES = [
  { name: '375 px', user: 'bob', options: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 } },
  { name: '200 % zoom', user: 'carol', options: { viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 } },
] as const;

/** Left and right edges of an element. */
type Box = { left: number; right: number; top: number; bottom: number; width: number };
const box = (page: Page, selector: string): Promise<Box> =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().toJSON() as Box);

/** The cards side by side in one column: their widths. */
async function cardWidths(page: Page): Promise<{ gate: number; cards: number[] }> {
  const gate = (await box(page, 'totp-gate [part~="step"]')).width;
  const cards = await page
    .locator('.side .card')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
  return { gate, cards };
}

describe('the demo at 375 px and at 200 % zoom', () => {
  const app = useDemo();

  for (const size of SIZES) {
    it(`${size.name}: top bar, key, progress cells, recovery list, audit log and card widths`, async () => {
      const { demo, browser } = app;
      const page = await (await browser.newContext(size.options)).newPage();
      await signIn(page, demo.url, size.user);

      // The top bar: brand, language and sign-out side by side, nothing wider than the screen.
      const brand = await box(page, '.brand');
      const language = await box(page, '.language select');
      const signOut = await box(page, '.who button');
      const apart = (a: Box, b: Box) =>
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart(brand, language), `brand ${JSON.stringify(brand)} overlaps language ${JSON.stringify(language)}`);
      assert.ok(apart(language, signOut) && apart(brand, signOut));
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        'no sideways scrolling',
      );

      await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
      await page.getByRole('button', { name: "Can't scan? Enter the key by hand" }).click();
      const secret = page.locator('[part~="secret"]').first();
      const key = (await secret.innerText()).replace(/\s+/g, '');
      // Groups per rendered line, from the position of each group's text.
      const perLine = await secret.evaluate((el) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let text = walker.nextNode() as Text | null;
        while (text && !text.data.trim()) text = walker.nextNode() as Text | null;
        const content = text!.data;
        const lines = new Map<number, number>();
        for (const match of content.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text!, match.index);
          range.setEnd(text!, match.index + match[0].length);
          const top = Math.round(range.getBoundingClientRect().top);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
        return [...lines.values()];
      });
      assert.ok(perLine.length >= 1);
      if (perLine.length > 1) assert.ok(Math.min(...perLine) >= 2, `groups per line: ${perLine.join(', ')}`);

      const authenticator = new Authenticator(key);
      await page.getByLabel('Authentication code').fill(authenticator.wrongCode());
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByText('That code is not right', { exact: false }).first().waitFor();
      const colours = await page
        .locator('totp-code-input')
        .first()
        .evaluate((host) => {
          const root = host.shadowRoot!;
          const cell = root.querySelector('.cell.filled')!;
          const probe = document.createElement('span');
          probe.style.background = 'var(--_success)';
          root.querySelector('.progress')!.append(probe);
          const success = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return { cell: getComputedStyle(cell).backgroundColor, success };
        });
      assert.notEqual(colours.cell, colours.success, 'the filled cells are not green under the error');

      await page.getByLabel('Authentication code').fill(await authenticator.nextCode());
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      const marker = await page
        .locator('totp-recovery-codes')
        .first()
        .evaluate((host) => {
          const list = host.shadowRoot!.querySelector('ol')!;
          const last = list.querySelector('li:last-child')!;
          // The marker's text in the marker's font (the li's font at 0.8em), with its trailing space.
          const probe = document.createElement('span');
          probe.style.cssText = 'font-size: 0.8em; position: absolute; white-space: pre';
          probe.textContent = `${list.children.length}. `;
          last.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          const style = getComputedStyle(list);
          return { width, room: parseFloat(style.paddingInlineStart), count: list.children.length };
        });
      assert.equal(marker.count, 10);
      assert.ok(marker.room - marker.width >= 4, `"10." needs ${marker.width} px of ${marker.room} px`);

      await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
      await page.locator('.audit-entry').nth(3).waitFor();
      const audit = await page.locator('.audit-list').evaluate((el) => ({
        scroll: el.scrollHeight,
        client: el.clientHeight,
      }));
      assert.ok(
        audit.scroll <= audit.client + 1,
        `the audit log shows every entry (${audit.scroll} > ${audit.client})`,
      );

      // The gate's card against the cards below it, on the next sign-in's challenge.
      // signIn signs out first and waits for the sign-in form, so no click races the page's reload.
      await signIn(page, demo.url, size.user);
      await page.getByLabel('Authentication code').waitFor();
      const widths = await cardWidths(page);
      for (const width of widths.cards) assert.ok(Math.abs(width - widths.gate) <= 1, `${widths.gate} vs ${width}`);
      await page.context().close();
    });
  }
});
