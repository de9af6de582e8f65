/**
 * bob's enrollment: the QR code is the key (decoded by independent decoders), a reload keeps the
 * same pending secret, and a confirm lost on the network leaves him on the step to retry.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseOtpauthUri } from '@totp-gate/core';
import { Authenticator, hasZbarimg, readKey, signIn, useDemo } from './harness.js';

const require = createRequire(import.meta.url);

/** Decodes a PNG of a QR code with jsQR, inside a blank browser page (no PNG library needed). */
async function decodeWithJsqr(browser: Browser, png: Buffer): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.addScriptTag({ path: require.resolve('jsqr/dist/jsQR.js') });
    return await page.evaluate(async (base64) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const jsQR = (
        window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
      ).jsQR;
      return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

describe('bob enrolls with the QR code', () => {
  const app = useDemo({ colorScheme: 'light' });
  let shownKey = '';

  before(async () => {
    await signIn(app.page, app.demo.url, 'bob');
    await app.page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  });

  /** The QR code's modules (the drawing's shapes), to compare two renderings. */
  const qrMarkup = () =>
    app.page
      .locator('totp-qr svg')
      .evaluate((svg) => [...svg.querySelectorAll('path, rect')].map((e) => e.getAttribute('d') ?? '').join('|'));

  it('S25 a reload during enrollment shows the same key and QR code', async () => {
    const { page } = app;
    await page.locator('totp-qr svg').waitFor();
    const qrBefore = await qrMarkup();
    shownKey = await readKey(page);
    await page.reload();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.locator('totp-qr svg').waitFor();
    assert.ok(qrBefore.length > 100, 'the QR code is drawn');
    assert.ok((await qrMarkup()) === qrBefore, 'the same QR code');
    assert.equal(await readKey(page), shownKey, 'the same key');
  });

  it('S12 the QR code decodes to the URI of the key shown (jsQR, and zbarimg when installed)', async () => {
    const { page, browser } = app;
    if (await page.getByRole('button', { name: 'Scan a QR code instead' }).count()) {
      await page.getByRole('button', { name: 'Scan a QR code instead' }).click();
    }
    const qr = page.locator('totp-qr');
    await qr.locator('svg').waitFor();
    const png = await qr.screenshot();

    const uris = [await decodeWithJsqr(browser, png)];
    if (hasZbarimg) {
      const file = join(app.dbPath, '..', 'qr.png');
      writeFileSync(file, png);
      const run = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
      assert.equal(run.status, 0, `zbarimg read the QR code: ${run.stderr}`);
      uris.push(run.stdout.trim());
    }
    for (const uri of uris) {
      assert.ok(uri, 'the decoder found a QR code');
      const parsed = parseOtpauthUri(uri);
      assert.equal(parsed.secret, shownKey, 'the QR code carries the key shown for typing');
      assert.equal(parsed.issuer, 'Acme Portal');
      assert.equal(parsed.account, 'bob@acme.example');
      assert.equal(uri, uris[0], 'both decoders read the same URI');
    }
  });

  it('S41 a confirm lost on the network keeps bob on the step, and a retry works without rescanning', async () => {
    const { page } = app;
    const authenticator = new Authenticator(shownKey);
    let aborted = 0;
    await page.route('**/api/totp/enrollment/confirm', async (route) => {
      if (aborted++ === 0) return route.abort('internetdisconnected');
      return route.continue();
    });
    const code = await authenticator.nextCode();
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('We could not reach the server. Check your connection and try again.').waitFor();
    assert.equal(aborted, 1);
    // Still the same step, with the same key: nothing to scan again.
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    const keyNow = (await page.locator('[part~="secret"]').first().innerText()).replace(/\s+/g, '');
    assert.equal(keyNow, shownKey);

    // The server never saw the first try, so the same code is still good.
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    assert.equal(aborted, 2);
  });
});
