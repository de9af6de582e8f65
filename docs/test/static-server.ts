/** A tiny static file server for the built site, on a free port (tests only). */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `root`; resolves with the base URL and a function that stops the server. */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep) && file !== root) {
      res.statusCode = 403;
      res.end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) {
      res.statusCode = 404;
      file = join(root, '404.html');
      if (!existsSync(file)) {
        res.end('not found');
        return;
      }
    }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** The built site (`npm run docs:build`), where the tests find it. */
export const DIST = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));

/** What {@link useBuiltSite} gives a test file: set in its `before`, closed in its `after`. */
export interface BuiltSite {
  url: string;
  /** The system's Chromium, headless (unless `{ browser: false }`). */
  browser: Browser;
}

/**
 * The built site served on a free port and the system's Chromium, for the tests of one file or
 * `describe`: ready in its `before` (which fails when the site is not built or there is no
 * Chromium), both closed in its `after`.
 */
export function useBuiltSite(options: { browser?: boolean } = {}): BuiltSite {
  const site = {} as BuiltSite;
  let close: (() => Promise<void>) | undefined;
  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'The site is not built: run `npm run docs:build` first.');
    ({ url: site.url, close } = await serveStatic(DIST));
    if (options.browser === false) return;
    const executablePath = findChromium();
    assert.ok(executablePath, 'No Chromium found (set CHROME_PATH).');
    site.browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  });
  after(async () => {
    await site.browser?.close();
    await close?.();
  });
  return site;
}
