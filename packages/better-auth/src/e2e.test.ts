// End to end in Chromium: a page that signs in with better-auth and puts <totp-gate> in front of
// its data, served next to the real better-auth and TOTP Gate (Way 1). Sign-up, forced
// enrollment by the QR code (decoded in the page with jsQR, the code from oathtool), recovery
// codes, sign-out, sign-in with a code, a replayed code refused, the data refused before TOTP.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseOtpauthUri } from '@totp-gate/core';
import { createWay1App, PASSWORD } from './test/app.js';

const require = createRequire(import.meta.url);
const { CHROMIUM_ARGS, findChromium } = (await import(
  new URL('../../../scripts/chromium.mjs', import.meta.url).href
)) as {
  CHROMIUM_ARGS: string[];
  findChromium(): string | undefined;
};
const elementsDist = new URL('../../elements/dist/', import.meta.url);

const PAGE = `<!doctype html><html lang="en"><title>Acme</title>
<form id="sign-in"><label>E-mail <input name="email" type="email"></label>
<label>Password <input name="password" type="password"></label>
<button name="mode" value="sign-up">Sign up</button><button name="mode" value="sign-in">Sign in</button></form>
<button id="sign-out" hidden>Sign out</button>
<script type="module">
import '/elements/totp-gate.js';
const form = document.querySelector('#sign-in');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const path = event.submitter.value === 'sign-up' ? 'sign-up/email' : 'sign-in/email';
  const body = { email: data.get('email'), password: data.get('password'), name: String(data.get('email')) };
  const answer = await fetch('/api/auth/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!answer.ok) return;
  form.hidden = true;
  document.querySelector('#sign-out').hidden = false;
  const gate = document.createElement('totp-gate');
  gate.setAttribute('endpoint', '/api/totp');
  gate.innerHTML = '<h1>Internal notes</h1>';
  document.body.append(gate);
});
document.querySelector('#sign-out').addEventListener('click', async () => {
  await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  location.reload();
});
</script></html>`;

function oathtool(key: string, atSeconds: number): string {
  const run = spawnSync('oathtool', ['--totp', '-b', '--now', `@${atSeconds}`, key], { encoding: 'utf8' });
  assert.equal(run.status, 0, `oathtool is required (apt install oathtool): ${run.stderr ?? run.error}`);
  return run.stdout.trim();
}

describe('better-auth + <totp-gate> in Chromium', () => {
  let app: Awaited<ReturnType<typeof createWay1App>>;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let url = '';
  let key = '';
  let usedCode = '';
  let usedStep = 0;
  let recoveryCodes: string[] = [];
  const email = 'erin@example.com';

  before(async () => {
    server = createServer(async (req, res) => {
      const path = req.url ?? '/';
      if (path === '/') return void res.setHeader('content-type', 'text/html').end(PAGE);
      if (path.startsWith('/elements/') && !path.includes('..')) {
        const file = new URL(path.slice('/elements/'.length), elementsDist);
        return void res.setHeader('content-type', 'text/javascript').end(await readFile(file));
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
      const response = await app.handler(new Request(new URL(path, url), { method: req.method, headers, body }));
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') res.setHeader(name, value);
      });
      res.setHeader('set-cookie', response.headers.getSetCookie());
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
    app = await createWay1App({ now: Date.now }, [], { baseURL: url });
    const executablePath = findChromium();
    assert.ok(executablePath, 'Chromium is required (see scripts/chromium.mjs)');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    page = await (await browser.newContext()).newPage();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    app?.close();
  });

  async function submit(mode: 'Sign up' | 'Sign in') {
    await page.goto(url);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: mode }).click();
  }
  const notesStatus = () => page.evaluate(async () => (await fetch('/api/notes')).status);
  // The page signs out, then reloads itself: wait for that reload, or the next page.goto() races it
  // (net::ERR_ABORTED) and may even run before the sign-out request has finished.
  async function signOut() {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign out' }).click()]);
  }
  /** The portal is open, and the data route answers this session too. */
  async function reachesNotes() {
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    assert.equal(await notesStatus(), 200);
  }

  it('S12 S23 signs up with better-auth, must enroll by the QR code, and reaches the data only after', async () => {
    await submit('Sign up');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.locator('totp-qr svg');
    await qr.waitFor();
    assert.equal(await notesStatus(), 403, 'the data is refused to a password-only session');
    // Decode the QR code as a phone would, from pixels.
    const png = await qr.screenshot();
    const decoder = await browser.newPage();
    await decoder.addScriptTag({ path: require.resolve('jsqr/dist/jsQR.js') });
    const uri = await decoder.evaluate(async (base64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width + 40, bitmap.height + 40);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 20, 20);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      const jsQR = (
        window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
      ).jsQR;
      return jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, png.toString('base64'));
    await decoder.close();
    assert.ok(uri, 'the QR code decodes');
    const parsed = parseOtpauthUri(uri);
    assert.deepEqual([parsed.issuer, parsed.account], ['Acme Portal', email]);
    key = parsed.secret;
    usedStep = Math.floor(Date.now() / 30_000);
    usedCode = oathtool(key, usedStep * 30);
    await page.getByLabel('Authentication code').fill(usedCode);
    await page.getByLabel('Authentication code').press('Enter');
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    recoveryCodes = (await page.locator('totp-recovery-codes li').allInnerTexts()).map((t) => t.trim());
    assert.equal(recoveryCodes.length, 10);
    assert.equal(await page.getByRole('heading', { name: 'Internal notes' }).count(), 0);
    await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await reachesNotes();
  });

  it('S13 after sign-out, a replayed code is refused and the next one signs in', async () => {
    await signOut();
    await submit('Sign in');
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    assert.equal(await notesStatus(), 403);
    await page.getByLabel('Authentication code').fill(usedCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code was already used. Wait for the next code in your app.').first().waitFor();
    assert.equal(await notesStatus(), 403);
    await page.getByLabel('Authentication code').fill(oathtool(key, (usedStep + 1) * 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await reachesNotes();
  });

  it('S30 a recovery code from enrollment signs in', async () => {
    await signOut();
    await submit('Sign in');
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await reachesNotes();
  });
});
