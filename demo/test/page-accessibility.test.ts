/**
 * The demo page as a keyboard and screen-reader user meets it: the focus ring measured against
 * the background next to it in light, dark and forced colors (WCAG 2.2 SC 1.4.11 / 2.4.13), and
 * focus landing on the app's heading when the gate opens after the recovery codes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { enroll, signIn, tabTo, useDemo } from './harness.js';

/** Run in the page as text (the TypeScript loader's helpers do not exist there). */
const MEASURE = readFileSync(
  new URL('../../packages/elements/src/test/measure-focus-ring.js', import.meta.url),
  'utf8',
).replace('export function', 'function');

describe('the demo page for keyboard and screen-reader users', () => {
  const app = useDemo();

  it('the focus ring is at least 3:1 against its background in light, dark and forced colors', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'alice');
    const start = page.getByRole('button', { name: 'Set up an authenticator app' });
    await start.waitFor();
    const sampled: string[] = [];
    for (const media of [
      { colorScheme: 'light' as const, forcedColors: 'none' as const },
      { colorScheme: 'dark' as const, forcedColors: 'none' as const },
      { colorScheme: 'light' as const, forcedColors: 'active' as const },
    ]) {
      await page.emulateMedia(media);
      // The gate's own button, then the page's own sign-out button (the demo's styles).
      for (const control of [start, page.getByRole('button', { name: 'Sign out' })]) {
        await tabTo(page, control);
        const { ratio, ring, background } = await page.evaluate<{ ratio: number; ring: string; background: string }>(
          `${MEASURE}; measureFocusRing()`,
        );
        sampled.push(`${media.colorScheme}/${media.forcedColors}: ${ratio.toFixed(2)}`);
        assert.ok(
          ratio >= 3,
          `${media.colorScheme}, forced ${media.forcedColors}: ring ${ring} on ${background} is ${ratio.toFixed(2)}:1`,
        );
      }
    }
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    assert.equal(sampled.length, 6);
  });

  it('after the recovery codes, Continue puts focus on the app’s first heading, not the body', async () => {
    const { page } = app;
    await enroll(page);
    // The page's first heading, "Welcome, Alice", is where a screen reader resumes.
    await page.waitForFunction(() => document.activeElement?.localName === 'h1');
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /^Welcome, /);
  });
});
