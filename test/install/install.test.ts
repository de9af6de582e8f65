// The newcomer's path, tested: pack the packages, follow the getting-started page to the letter
// in an empty folder outside the repository (its setup commands, its five files, its build and
// start commands), and walk enrollment and sign-in in Chromium with the QR code read by zbarimg
// and the codes computed by oathtool. No workspace link: npm installs the tarballs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseOtpauthUri } from '@totp-gate/core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { pack, publishablePackages } from '../../scripts/packages.mjs';
import { startApp, type RunningApp } from '../../docs/test/start-app.js';
import { NPM_ENV } from './npm-env.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP = join(ROOT, 'docs/examples/app');
/** The files the page tells the reader to save in `my-app`. */
const FILES = ['server.js', 'session.js', 'web-request.js', 'index.html', 'main.js'];

const work = realpathSync(mkdtempSync(join(tmpdir(), 'totp-gate-install-')));
const myApp = join(work, 'my-app');
let app: RunningApp | undefined;
let browser: Browser | undefined;
const timings: string[] = [];

/** Runs shell text from the docs with bash, stopping at the first failing command. */
function sh(script: string, cwd: string, env: Record<string, string> = {}): string {
  const run = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...NPM_ENV, ...env },
  });
  assert.equal(run.status, 0, `bash failed on:\n${script}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

async function timed<T>(what: string, step: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await step();
  timings.push(`${what} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function tool(name: string): void {
  assert.equal(spawnSync(name, ['--version']).status, 0, `${name} is not installed (Debian: oathtool, zbar-tools)`);
}

before(() => {
  tool('oathtool');
  tool('zbarimg');
  assert.ok(!work.startsWith(realpathSync(ROOT)), 'the app is outside the repository');
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
  console.log(`install test: ${timings.join(', ')}`);
});

/** The code oathtool prints for `key` at a time (ms). */
function oathtool(key: string, atMs: number): string {
  return execFileSync('oathtool', ['--totp', '-b', '--now', `@${Math.floor(atMs / 1000)}`, key], {
    encoding: 'utf8',
  }).trim();
}

async function readQr(page: Page): Promise<string> {
  const png = await page.locator('totp-qr').screenshot();
  const file = join(work, 'qr.png');
  writeFileSync(file, png);
  const run = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, `zbarimg read the QR code: ${run.stderr}`);
  return run.stdout.trim();
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill('correct horse');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

it('the getting-started page, followed in an empty folder with the packed tarballs, gives a working app', async () => {
  // The clone's `npm run pack`, beside the app as the page assumes (built already by `npm test`).
  const packs = join(work, 'totp-gate', 'packs');
  mkdirSync(packs, { recursive: true });
  await timed('pack', () => publishablePackages().forEach((pkg) => pack(pkg, packs, { build: false })));

  // "2. Create the app": the commands exactly as the page shows them.
  await timed('npm install', () => sh(readFileSync(join(APP, 'setup.sh'), 'utf8'), work));
  for (const name of ['core', 'elements', 'server']) {
    const installed = join(myApp, 'node_modules', '@totp-gate', name);
    assert.ok(!lstatSync(installed).isSymbolicLink(), `@totp-gate/${name} is installed, not linked`);
  }
  const manifest = JSON.parse(readFileSync(join(myApp, 'package.json'), 'utf8'));
  assert.match(manifest.dependencies['@totp-gate/server'], /^file:/, 'installed from the tarball');

  // "3. The server" and "4. The page": the five files, unchanged.
  for (const file of FILES) copyFileSync(join(APP, file), join(myApp, file));

  // "5. Build and start": every line before `node server.js`, then the server itself.
  const lines = readFileSync(join(APP, 'start.sh'), 'utf8').trim().split('\n');
  assert.equal(lines.at(-1), 'node server.js');
  const printed = await timed('vite build', () =>
    sh(`${lines.slice(0, -1).join('\n')}\nprintf '\\n%s' "$TOTP_KEY"`, myApp),
  );
  const key = printed.split('\n').at(-1)!;
  assert.match(key, /^[A-Za-z0-9+/]{43}=$/, 'the page makes a 32-byte key');
  app = await timed('start', () => startApp(myApp, { TOTP_KEY: key }));

  const executablePath = findChromium();
  assert.ok(executablePath, 'no Chromium found');
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await timed('enroll and sign in', async () => {
    await page.goto(app!.url);
    await signIn(page);

    // Enrollment: scan the QR code (zbarimg), type the code an authenticator shows (oathtool).
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.locator('totp-qr svg').waitFor();
    const uri = parseOtpauthUri(await readQr(page));
    assert.equal(uri.issuer, 'My App');
    assert.equal(uri.account, 'alice@example.com');
    assert.equal((await page.request.get(`${app!.url}/api/notes`)).status(), 403, 'no notes before the code');
    const enrolledAt = Date.now();
    await page.getByLabel('Authentication code').fill(oathtool(uri.secret, enrolledAt));
    await page.getByLabel('Authentication code').press('Enter');
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Only for users who passed the second factor in this session.').waitFor();

    // Sign out, sign in again: now the gate asks for a code (the next step's, never the same one).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to My App' }).waitFor();
    assert.equal((await page.request.get(`${app!.url}/api/notes`)).status(), 401);
    await signIn(page);
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    await page.getByLabel('Authentication code').fill(oathtool(uri.secret, Math.max(Date.now(), enrolledAt + 30_000)));
    await page.getByLabel('Authentication code').press('Enter');
    await page.getByText('Only for users who passed the second factor in this session.').waitFor();
    assert.equal((await page.request.get(`${app!.url}/api/notes`)).status(), 200);
  });
});
