// Screenshots in light and dark, for the docs and for review by eye: every step of <totp-gate>
// (screenshots-page.ts, with <totp-enroll>, <totp-challenge> and <totp-recovery-codes> inside) and
// <totp-code-input>, <totp-qr> and <totp-recovery-codes> on their own (screenshots-parts-page.ts).
// Run by hand: `node packages/elements/scripts/screenshots.mjs [scene …]`. Writes
// docs/public/screenshots/elements/<scene>-<light|dark>.png. Not part of `npm test`.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const OUT = join(ROOT, 'docs', 'public', 'screenshots', 'elements');
const only = process.argv.slice(2);

const PAGES = ['screenshots-page', 'screenshots-parts-page'];
const site = mkdtempSync(join(tmpdir(), 'totp-screens-'));
await build({
  entryPoints: PAGES.map((page) => join(HERE, `${page}.ts`)),
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: site,
  conditions: ['@totp-gate/source'],
  logLevel: 'warning',
});
for (const page of PAGES) {
  writeFileSync(
    join(site, `${page}.html`),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TOTP Gate elements</title>
<link rel="stylesheet" href="page.css"><script type="module" src="${page}.js"></script></head>
<body><div id="stage"></div></body></html>`,
  );
}
writeFileSync(
  join(site, 'page.css'),
  `:root { color-scheme: light dark; }
body { margin: 0; background: #f1f5f9; color: #111827; font-family: system-ui, sans-serif; }
@media (prefers-color-scheme: dark) { body { background: #030712; color: #f3f4f6; } }
#stage { inline-size: 640px; padding: 8px; }
.app { padding: 24px; border: 1px dashed currentColor; border-radius: 8px; }`,
);

/** @type {Record<string, string>} */
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = join(site, new URL(req.url ?? '/', 'http://x').pathname);
  try {
    const body = readFileSync(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
// Listening on TCP, the address is an AddressInfo (a string only for a pipe or socket path).
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
const base = `http://127.0.0.1:${port}/`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
mkdirSync(OUT, { recursive: true });
try {
  const page = await browser.newPage({ viewport: { width: 660, height: 800 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  for (const pageName of PAGES) {
    const url = `${base}${pageName}.html`;
    await page.goto(url);
    const names = (await page.evaluate(() => Object.keys(window.scenes))).filter(
      (n) => !only.length || only.includes(n),
    );
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      for (const name of names) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(url);
        await page
          .evaluate((n) => {
            const scene = window.scenes[n];
            if (!scene) throw new Error('no such scene on the page');
            return scene();
          }, name)
          .catch((error) => {
            throw new Error(`${name}: ${error.message}`);
          });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const file = join(OUT, `${name}-${scheme}.png`);
        await page.locator('#stage').screenshot({ path: file, animations: 'disabled' });
        console.log(file.slice(ROOT.length + 1));
      }
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(site, { recursive: true, force: true });
}
