/**
 * Browser timings in headless Chromium (the system's, through playwright-core; never downloaded):
 *
 * - enroll: a `<totp-enroll>` bound to a gate waits on its start step; the clock starts when the
 *   gate receives the enrollment data (its state becomes `enrolling`) and stops after the first
 *   paint that shows the QR code's SVG path. That includes the lazy download of the QR encoder
 *   chunk, as on a real first visit.
 * - challenge: from the page's module having loaded (its first statement runs after every static
 *   import) to a `<totp-challenge>` whose code field is rendered, laid out and enabled, with the
 *   gate in `challenge-required`. Navigation start to the same point is reported too.
 *
 * Each sample is a fresh browser context (empty cache) and page; the median of 30 is reported.
 * The pages are served from a local static server on 127.0.0.1 with a bundle esbuild builds from
 * the same sources and settings as the size check (minified ESM, lazy chunks split), and a stub
 * backend in the page that answers at once, so the figures are the UI's own cost.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { encodeBase32 } from '@totp-gate/core';
import { CHROMIUM_ARGS, findChromium } from '../../../../scripts/chromium.mjs';
import { ROOT } from '../paths.js';
import { logger, median, runSection, savePartial } from '../section.js';
import type { BrowserResult } from '../types.js';

const log = logger('browser');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const ELEMENTS = join(ROOT, 'packages/elements/src');

/**
 * How the pages load the elements: `import '@totp-gate/elements'` as apps do, or, while the
 * library's entry does not exist yet, the element files re-exported (a bare import of a file the
 * package does not list in `sideEffects` would be dropped by the bundler).
 */
function elementImports(): string | undefined {
  if (existsSync(join(ELEMENTS, 'index.ts'))) return "import '@totp-gate/elements';";
  const files = ['enroll/enroll.ts', 'challenge/challenge.ts', 'code-input/code-input.ts', 'qr/qr.ts'].map((f) =>
    join(ELEMENTS, f),
  );
  return files.every(existsSync) ? files.map((f) => `export * from ${JSON.stringify(f)};`).join('\n') : undefined;
}

function pageSource(kind: 'enroll' | 'challenge', imports: string): string {
  const secret = encodeBase32(randomBytes(20));
  const enrollment = {
    otpauthUri: `otpauth://totp/Acme:alice%40example.com?secret=${secret}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
    secret,
    issuer: 'Acme',
    account: 'alice@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  };
  return `
${imports}
import { createGate } from '@totp-gate/core';
const moduleLoaded = performance.now();
const ENROLLMENT = ${JSON.stringify(enrollment)};
const stub = (state) => ({
  capabilities: { recoveryCodes: false, defer: false },
  async status() {
    return { state, account: 'alice@example.com', issuer: 'Acme', graceEndsAt: null, lockedUntil: null,
      recoveryCodesLeft: null, serverTime: new Date().toISOString() };
  },
  async startEnrollment() {
    return { ...ENROLLMENT, expiresAt: new Date(Date.now() + 600000).toISOString() };
  },
  async confirmEnrollment() { throw new Error('not part of the benchmark'); },
  async verify() { throw new Error('not part of the benchmark'); },
});
// Polls with timers (browsers clamp nested ones to 4 ms): a moment is found within ~4 ms without
// flooding the task queue, which would delay the network and rendering work being measured.
const until = (test) => new Promise((resolve) => {
  const check = () => (test() ? resolve(performance.now()) : setTimeout(check, 1));
  check();
});
// After the next paint: a task queued from requestAnimationFrame runs once that frame is painted.
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
${
  kind === 'enroll'
    ? `
const gate = createGate({ backend: stub('enrollment-required') });
await until(() => gate.getState().status === 'enrollment-required');
const el = document.createElement('totp-enroll');
el.gate = gate;
document.body.append(el);
await el.updateComplete;
await afterPaint();
let received;
gate.subscribe((state) => { if (state.status === 'enrolling' && received === undefined) received = performance.now(); });
void gate.startEnrollment();
const inDom = await until(() => {
  const path = el.shadowRoot?.querySelector('totp-qr')?.shadowRoot?.querySelector('svg path');
  return Boolean(path && path.getAttribute('d'));
});
const painted = await afterPaint();
// When the lazily loaded QR encoder chunk had arrived, to tell download from drawing.
const chunk = performance.getEntriesByType('resource').find((e) => e.name.includes('/qr-matrix'));
window.__result = { received, dataToDom: inDom - received, dataToPaint: painted - received,
  dataToChunk: chunk ? chunk.responseEnd - received : -1, moduleLoaded };
`
    : `
const gate = createGate({ backend: stub('challenge-required') });
const el = document.createElement('totp-challenge');
el.gate = gate;
document.body.append(el);
const interactive = await until(() => {
  if (gate.getState().status !== 'challenge-required') return false;
  const input = el.shadowRoot?.querySelector('totp-code-input')?.shadowRoot?.querySelector('input');
  return Boolean(input && !input.disabled && input.getBoundingClientRect().width > 0);
});
const painted = await afterPaint();
window.__result = { moduleLoaded, moduleToInteractive: interactive - moduleLoaded, navigationToInteractive: interactive,
  navigationToPaint: painted };
`
}`;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
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

await runSection(async (): Promise<BrowserResult> => {
  const imports = elementImports();
  if (!imports) return { skipped: 'the elements are not written yet (packages/elements/src)' };
  const executablePath = findChromium();
  if (!executablePath) return { skipped: 'no Chromium found (set CHROME_PATH)' };

  const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-browser-'));
  let server: Server | undefined;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const bundle = await build({
      entryPoints: { enroll: 'bench-page:enroll', challenge: 'bench-page:challenge' },
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@totp-gate/source'],
      outdir: dir,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'bench-pages',
          setup(b) {
            b.onResolve({ filter: /^bench-page:/ }, (args) => ({ path: args.path.slice(11), namespace: 'bench-page' }));
            b.onLoad({ filter: /.*/, namespace: 'bench-page' }, (args) => ({
              contents: pageSource(args.path as 'enroll' | 'challenge', imports),
              resolveDir: ROOT,
              loader: 'js',
            }));
          },
        },
      ],
    });
    const files = Object.keys(bundle.metafile.outputs).length;
    for (const kind of ['enroll', 'challenge']) {
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${kind}</title></head><body><script type="module" src="/${kind}.js"></script></body></html>`;
      writeFileSync(join(dir, `${kind}.html`), html);
    }
    server = await serve(dir);
    const port = (server.address() as AddressInfo).port;
    const samples: Record<'enroll' | 'challenge', Record<string, number>[]> = { enroll: [], challenge: [] };
    const med = (kind: 'enroll' | 'challenge', key: string) => median(samples[kind].map((s) => s[key]!));
    const summary = (): BrowserResult => ({
      samples: samples.challenge.length,
      chromium: browser.version(),
      files,
      enroll: {
        dataToDom: med('enroll', 'dataToDom'),
        dataToPaint: med('enroll', 'dataToPaint'),
        dataToChunk: med('enroll', 'dataToChunk'),
      },
      challenge: {
        navigationToModule: med('challenge', 'moduleLoaded'),
        moduleToInteractive: med('challenge', 'moduleToInteractive'),
        navigationToInteractive: med('challenge', 'navigationToInteractive'),
        navigationToPaint: med('challenge', 'navigationToPaint'),
      },
      imports,
    });
    for (let i = 0; i < SAMPLES; i++) {
      for (const kind of ['enroll', 'challenge'] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => errors.push(`console.${m.type()}: ${m.text()}`));
        page.on('response', (r) => {
          if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
        });
        await page.goto(`http://127.0.0.1:${port}/${kind}.html`);
        try {
          // Page code is passed as strings: this file is type-checked for Node, not the DOM.
          await page.waitForFunction('window.__result', undefined, { timeout: 15_000 });
        } catch {
          const shown = await page.evaluate<string>(
            "document.body.lastElementChild?.shadowRoot?.textContent?.replace(/\\s+/g, ' ').trim() || 'an empty or undefined element'",
          );
          throw new Error(
            `${kind} page did not finish (showing: ${shown ?? 'nothing'})${errors.length ? `: ${errors.join('; ')}` : ''}`,
          );
        }
        samples[kind].push(await page.evaluate<Record<string, number>>('window.__result'));
        await context.close();
      }
      savePartial(summary());
      if ((i + 1) % 10 === 0) log(`${i + 1}/${SAMPLES} samples`);
    }
    return summary();
  } finally {
    await browser.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
