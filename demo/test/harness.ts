/**
 * The end-to-end harness: starts the demo exactly as `npm run demo` does (on a free port, with a
 * temporary database and the short lock-outs of the test configuration), drives the system's
 * Chromium through playwright-core, and plays the authenticator app with `@totp-gate/core/otp`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { totp } from '@totp-gate/core/otp';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { freePort } from '../../packages/server/src/test/servers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh folder for a test's database; removed by the returned function. */
export function tempDatabase(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'acme-demo-'));
  return { path: join(dir, 'demo.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A running demo server. */
export interface Demo {
  url: string;
  dbPath: string;
  /** Everything the server printed so far (its console: URLs, accounts, audit lines). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node scripts/demo.mjs --port N` with `DEMO_DB` and `DEMO_TEST=1`, and waits until it answers. */
export async function startDemo(dbPath: string): Promise<Demo> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['scripts/demo.mjs', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DEMO_DB: dbPath, DEMO_TEST: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running) throw new Error(`The demo exited before it answered:\n${output}`);
    try {
      const response = await fetch(`${url}/api/me`);
      if (response.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The demo did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Vite compiles the page's modules on first request; ask once so the first test is not slow.
  await fetch(`${url}/`).catch(() => undefined);

  return {
    url,
    dbPath,
    output: () => output,
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The system's Chromium, headless. Never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (see scripts/chromium.mjs).');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** What {@link useDemo} gives a test file: set in its `before`, closed in its `after`. */
export interface DemoRun {
  demo: Demo;
  browser: Browser;
  /** A page in a context of its own (opened with the options given to `useDemo`). */
  page: Page;
  /** The temporary database, to restart the demo on (`run.demo = await startDemo(run.dbPath)`). */
  dbPath: string;
}

/**
 * A demo server on a fresh database, the system's Chromium and one page, for the tests of one
 * `describe`: started in its `before`, and browser, server and database gone in its `after`.
 */
export function useDemo(context?: BrowserContextOptions): DemoRun {
  const db = tempDatabase();
  const run = { dbPath: db.path } as DemoRun;
  before(async () => {
    [run.demo, run.browser] = await Promise.all([startDemo(db.path), launchBrowser()]);
    run.page = await (await run.browser.newContext(context)).newPage();
  });
  after(async () => {
    await run.browser?.close();
    await run.demo?.stop();
    db.remove();
  });
  return run;
}

/** Whether `oathtool` is installed (Debian's oath-toolkit). */
export const hasOathtool = spawnSync('oathtool', ['--version']).status === 0;
/** Whether `zbarimg` is installed (Debian's zbar-tools). */
export const hasZbarimg = spawnSync('zbarimg', ['--version']).status === 0;

/** The code `oathtool --totp -b KEY` prints for a moment in time (seconds since the epoch). */
export function oathtoolCode(key: string, atSeconds: number): string {
  const run = spawnSync('oathtool', ['--totp', '-b', '--now', `@${atSeconds}`, key], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`oathtool failed: ${run.stderr}`);
  return run.stdout.trim();
}

/**
 * Plays the authenticator app. A code is per 30-second step and the server never accepts a
 * step twice, so `nextCode()` gives the current step's code or, when that step was used, the
 * next one (the server accepts one step ahead); only when both were used does it wait.
 */
export class Authenticator {
  private lastStep = -1;
  constructor(
    readonly secret: string,
    readonly period = 30,
    /** How a code is computed (ms since the epoch); `@totp-gate/core/otp` unless told otherwise. */
    private readonly codeAt: (secret: string, atMs: number) => string = totp,
  ) {}

  /** The current step number. */
  step(atMs = Date.now()): number {
    return Math.floor(atMs / 1000 / this.period);
  }

  /** A code the server has not seen yet and will accept now. */
  async nextCode(): Promise<string> {
    for (;;) {
      const current = this.step();
      const step = Math.max(current, this.lastStep + 1);
      if (step <= current + 1) {
        this.lastStep = step;
        return this.codeAt(this.secret, step * this.period * 1000);
      }
      // Both usable steps are spent: wait for the next step to begin (at most one period).
      await new Promise((r) => setTimeout(r, (current + 1) * this.period * 1000 - Date.now() + 50));
    }
  }

  /** The code of the step used last (what a replay would send). */
  lastCode(): string {
    return totp(this.secret, this.lastStep * this.period * 1000);
  }

  /** Six digits that are not the code of any step near now, so the server must refuse them. */
  wrongCode(): string {
    const current = this.step();
    const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(this.secret, (current + d) * this.period * 1000)));
    for (const candidate of ['000000', '111111', '222222', '333333', '444444', '555555']) {
      if (!near.has(candidate)) return candidate;
    }
    throw new Error('unreachable: five codes cannot cover six candidates');
  }
}

/** Opens "Can't scan?" on the enrollment step and reads the key shown for typing. */
export async function readKey(page: Page): Promise<string> {
  await page.getByRole('button', { name: "Can't scan? Enter the key by hand" }).click();
  return (await page.locator('[part~="secret"]').first().innerText()).replace(/\s+/g, '');
}

/** What {@link enroll} leaves: the app holding the key, and the recovery codes shown once. */
export interface Enrolled {
  authenticator: Authenticator;
  recoveryCodes: string[];
}

/**
 * Sets up an authenticator from the gate's first enrollment screen, by mouse: reads the key by
 * hand, confirms it with its code, saves the recovery codes and continues to the portal.
 * `at(step)` runs when the QR code is drawn, when the key is on screen and when the codes are
 * acknowledged (for an axe check or a screenshot).
 */
export async function enroll(
  page: Page,
  at?: (step: 'qr' | 'key' | 'recovery-codes') => Promise<void>,
): Promise<Enrolled> {
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.locator('totp-qr svg').waitFor();
  await at?.('qr');
  const authenticator = new Authenticator(await readKey(page));
  await at?.('key');
  await page.getByLabel('Authentication code').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
  const recoveryCodes = (await page.locator('totp-recovery-codes li').allInnerTexts()).map((t) => t.trim());
  await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await at?.('recovery-codes');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  return { authenticator, recoveryCodes };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}

/** axe-core's violations on the whole page (open shadow roots included), as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate<AxeResult>('axe.run(document)');
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The element that has focus, through open shadow roots. */
export async function focusIsIn(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return false;
    // Inside the element's own subtree, or its shadow tree (delegatesFocus hosts).
    let node: Node | null = active;
    while (node) {
      if (node === el) return true;
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return false;
  });
}

/** Presses Tab until `locator` has focus (keyboard only); fails after `max` presses. */
export async function tabTo(page: Page, locator: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await focusIsIn(locator)) return;
    await page.keyboard.press('Tab');
  }
  if (await focusIsIn(locator)) return;
  throw new Error(`Tab never reached ${String(locator)}`);
}

/** Signs in with the first factor through the login form. */
export async function signIn(page: Page, url: string, username: string): Promise<void> {
  // After a sign-out the form is already on screen; loading the page again would only cost time.
  const samePage = page.url().startsWith(url);
  if (samePage && (await page.getByRole('button', { name: 'Sign out', exact: true }).isVisible())) await signOut(page);
  if (!(samePage && (await page.getByLabel('Username').isVisible()))) await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
}

/** Signs out through the header button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in to Acme Portal' }).waitFor();
}

/** The session cookie's value in a page's context. */
export async function sessionCookie(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'acme_session')?.value;
}
