// The plain-HTML recipe with exactly the files the page says to copy: the recipe's index.html and
// app.js, and from @totp-gate/elements `dist/totp-gate.js` with the `dist/chunks/` folder beside
// it, under /vendor/. A server that serves nothing else (plus the REST contract) runs enrollment
// to the QR code and a language switch in Chromium: every file the page fetches is one of those.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createTotpService, memoryStore, toNodeHandler } from '@totp-gate/server';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const require = createRequire(import.meta.url);
const PLAIN = fileURLToPath(new URL('../examples/plain/', import.meta.url));
const ELEMENTS_DIST = dirname(require.resolve('@totp-gate/elements/bundle'));

const site = mkdtempSync(join(tmpdir(), 'totp-gate-plain-'));
let server: Server;
let browser: Browser;
let url: string;
const served: string[] = [];

before(async () => {
  // The copy the page describes, and nothing more.
  for (const file of ['index.html', 'app.js']) copyFileSync(join(PLAIN, file), join(site, file));
  mkdirSync(join(site, 'vendor', 'chunks'), { recursive: true });
  copyFileSync(join(ELEMENTS_DIST, 'totp-gate.js'), join(site, 'vendor', 'totp-gate.js'));
  for (const chunk of readdirSync(join(ELEMENTS_DIST, 'chunks'))) {
    copyFileSync(join(ELEMENTS_DIST, 'chunks', chunk), join(site, 'vendor', 'chunks', chunk));
  }
  const files = new Set([
    '/index.html',
    '/app.js',
    '/vendor/totp-gate.js',
    ...readdirSync(join(site, 'vendor', 'chunks')).map((c) => `/vendor/chunks/${c}`),
  ]);

  const totp = createTotpService({
    store: memoryStore(),
    issuer: 'Acme',
    basePath: '/api/totp',
    identify: () => ({ userId: 'alice', sessionId: 'plain-session', account: 'alice@example.com' }),
  });
  const api = toNodeHandler(totp);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/totp/')) return void api(req, res);
    const file = path === '/' ? '/index.html' : path;
    served.push(file);
    if (!files.has(file)) {
      res.statusCode = 404;
      return void res.end();
    }
    res.setHeader('content-type', file.endsWith('.html') ? 'text/html' : 'text/javascript');
    res.end(readFileSync(join(site, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const executablePath = findChromium();
  assert.ok(executablePath, 'No Chromium found.');
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(site, { recursive: true, force: true });
});

it('plain HTML works with only totp-gate.js and chunks/ copied beside it', async () => {
  const page = await browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`HTTP ${response.status()} ${response.url()}`);
  });
  try {
    await page.goto(url);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.locator('totp-qr svg').waitFor(); // the QR encoder is a chunk
    await page.locator('totp-gate').evaluate((gate) => ((gate as HTMLElement).lang = 'de')); // so is German
    await page.getByRole('heading', { name: 'Zwei-Faktor-Authentifizierung einrichten' }).waitFor();
    assert.deepEqual(failures, []);
    const chunks = served.filter((file) => file.startsWith('/vendor/chunks/'));
    assert.ok(chunks.some((c) => c.includes('qr-matrix')) && chunks.some((c) => c.includes('/de-')), served.join(', '));
  } finally {
    await page.close();
  }
});
