/**
 * Browser timings in headless Chromium (the system's, through playwright-core; never downloaded),
 * each next to its floor measured in the same run (the pages are in `../browser-pages.ts`):
 *
 * - sign-in: `import '@totp-gate/elements/gate'` and a `<totp-gate>` whose backend says a code is
 *   needed; from the page's module having loaded (its first statement runs after every static
 *   import) to the code field being in the page, enabled and laid out, and to that frame's paint.
 *   Floor: a bare Lit element that asks the same stub and renders a heading and a field. A second
 *   floor is the page's structure: three nested bare Lit elements with our markup and styles and
 *   none of our code, which tells the cost of TOTP Gate's code from that of the UI's shape.
 * - sign-in over HTTP: the same, with `<totp-gate endpoint>` asking this file's static server,
 *   which answers `GET /api/totp/status` at once; as a page really loads, the browser may draw a
 *   frame while the answer travels. Floor: the bare element given the same answer through fetch.
 * - enroll: the same entry for a user who must enroll; once the start step is on screen and a
 *   person would press its button, from the gate holding the enrollment data to the QR code's SVG
 *   path in the page, and to its paint. That includes whatever of the QR encoder has not loaded
 *   by then, as on a real first visit. Floor: a bare Lit element drawing the same QR code with the
 *   same encoder, already loaded and warm.
 *
 * Every sample is a fresh browser context (empty cache) and page; the pages take turns.
 * There are BENCH_BROWSER_RUNS runs (5 by default) of BENCH_SAMPLES samples of each page (8 by
 * default); the report gives the median of the run medians and their range. The pages are served
 * from a local static server on 127.0.0.1, bundled by esbuild with the size check's settings and
 * source transforms (minified, lazy chunks split), with a stub backend in the page that answers at
 * once (but for the HTTP pages), so the figures are the UI's own cost.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../../../scripts/chromium.mjs';
import { SOURCE_PLUGINS } from '../../../../scripts/bundle-sizes.mjs';
import { PAGES, STATUS_FIELDS } from '../browser-pages.js';
import { ROOT } from '../paths.js';
import { logger, median, runSection, savePartial } from '../section.js';
import type { BrowserMeasure, BrowserResult } from '../types.js';

const log = logger('browser');
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 5);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 8);
const ELEMENTS = join(ROOT, 'packages/elements/src');
const QR_MATRIX = join(ELEMENTS, 'qr/qr-matrix.ts');

/** What the report prints: each of our figures next to the same figure of its floor page. */
const MEASURES: Omit<BrowserMeasure, 'ours' | 'floor'>[] = [
  {
    id: 'sign-in-interactive',
    label: 'sign-in: module loaded → code field interactive',
    page: 'sign-in',
    key: 'moduleToInteractive',
    target: 30,
  },
  {
    id: 'sign-in-http-interactive',
    label: "sign-in over HTTP (the status from the page's server): module loaded → code field interactive",
    page: 'sign-in-http',
    key: 'moduleToInteractive',
  },
  {
    id: 'sign-in-interactive-structure',
    label: 'sign-in: module loaded → code field interactive, next to its structure floor',
    page: 'sign-in',
    floorPage: 'sign-in-structure',
    key: 'moduleToInteractive',
  },
  {
    id: 'structure-interactive',
    label: 'structure floor (three bare Lit elements, our markup and styles): module loaded → code field interactive',
    page: 'sign-in-structure',
    key: 'moduleToInteractive',
    floorPage: 'sign-in-floor',
  },
  { id: 'sign-in-paint', label: 'sign-in: module loaded → that state painted', page: 'sign-in', key: 'moduleToPaint' },
  {
    id: 'sign-in-module',
    label: 'sign-in: navigation start → page module loaded',
    page: 'sign-in',
    key: 'navigationToModule',
  },
  {
    id: 'enroll-dom',
    label: 'enrollment: data received → QR code in the page',
    page: 'enroll',
    key: 'dataToDom',
  },
  {
    id: 'enroll-paint',
    label: 'enrollment: data received → QR code on screen (painted)',
    page: 'enroll',
    key: 'dataToPaint',
    target: 60,
  },
];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/api/totp/status') {
      // What a TOTP Gate server answers a signed-in user who must enter a code, at once.
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ state: 'challenge-required', ...STATUS_FIELDS, serverTime: new Date().toISOString() }));
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Builds the pages into `dir` like an app would ship them; returns how many files that makes. */
async function buildPages(dir: string): Promise<number> {
  const bundle = await build({
    entryPoints: Object.fromEntries(Object.keys(PAGES).map((name) => [name, `bench-page:${name}`])),
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@totp-gate/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: dir,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      ...(SOURCE_PLUGINS as Plugin[]),
      {
        name: 'bench-pages',
        setup(b: Parameters<Plugin['setup']>[0]) {
          b.onResolve({ filter: /^bench-page:/ }, (args) => ({ path: args.path.slice(11), namespace: 'bench-page' }));
          b.onLoad({ filter: /.*/, namespace: 'bench-page' }, (args) => ({
            contents: PAGES[args.path]!.replace('QR_MATRIX_FILE', JSON.stringify(QR_MATRIX)),
            resolveDir: ROOT,
            loader: 'js',
          }));
        },
      },
    ],
  });
  for (const name of Object.keys(PAGES)) {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head><body><script type="module" src="/${name}.js"></script></body></html>`;
    writeFileSync(join(dir, `${name}.html`), html);
  }
  return Object.keys(bundle.metafile.outputs).length;
}

/** Loads one page in a fresh context and returns its figures. */
async function sample(browser: Browser, url: string, name: string): Promise<Record<string, number>> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(url);
    try {
      // Page code is passed as strings: this file is type-checked for Node, not the DOM.
      await page.waitForFunction('window.__result', undefined, { timeout: 15_000 });
    } catch {
      throw new Error(`${name} page did not finish${errors.length ? `: ${errors.join('; ')}` : ''}`);
    }
    if (errors.length) throw new Error(`${name} page reported: ${errors.join('; ')}`);
    return await page.evaluate<Record<string, number>>('window.__result');
  } finally {
    await context.close();
  }
}

await runSection(async (): Promise<BrowserResult> => {
  if (!existsSync(join(ELEMENTS, 'gate/gate.ts'))) return { skipped: 'the elements are not written yet' };
  const executablePath = findChromium();
  if (!executablePath) return { skipped: 'no Chromium found (set CHROME_PATH)' };

  const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-browser-'));
  let server: Server | undefined;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const files = await buildPages(dir);
    server = await serve(dir);
    const port = (server.address() as AddressInfo).port;
    /** Per page and figure, the median of each run. */
    const runMedians: Record<string, Record<string, number[]>> = {};
    let runs = 0;
    const summary = (): BrowserResult => ({
      runs,
      samplesPerRun: SAMPLES,
      chromium: browser.version(),
      files,
      measures: MEASURES.map((m) => ({
        ...m,
        ours: runMedians[m.page]?.[m.key] ?? [],
        floor: runMedians[m.floorPage ?? `${m.page}-floor`]?.[m.key] ?? [],
      })),
    });
    for (let run = 0; run < RUNS; run++) {
      const samples: Record<string, Record<string, number>[]> = {};
      for (let i = 0; i < SAMPLES; i++) {
        for (const name of Object.keys(PAGES)) {
          (samples[name] ??= []).push(await sample(browser, `http://127.0.0.1:${port}/${name}.html`, name));
        }
      }
      for (const [name, list] of Object.entries(samples)) {
        for (const key of Object.keys(list[0]!)) {
          ((runMedians[name] ??= {})[key] ??= []).push(median(list.map((s) => s[key]!)));
        }
      }
      runs++;
      savePartial(summary());
      log(`run ${run + 1}/${RUNS} done`);
    }
    return summary();
  } finally {
    await browser.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
