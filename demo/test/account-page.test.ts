/**
 * frank's account page (`#account`, `<totp-manage>`): a second authenticator set up from its QR
 * code (decoded from the page's pixels by zbarimg, codes computed by oathtool), sign-in with
 * either one, rename, remove, new recovery codes with the save-before-continue step, and "Don't
 * ask again on this device", which the demo offers to frank only: the next sign-in skips the
 * code, and once the device is forgotten the code is asked again. axe-core checks the account
 * page in each state. The tests run in order and share one demo server and frank's authenticators.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { parseOtpauthUri } from '@totp-gate/core';
import {
  Authenticator,
  axeViolations,
  enroll,
  hasOathtool,
  hasZbarimg,
  oathtoolCode,
  signIn,
  useDemo,
  type Demo,
} from './harness.js';

const DEVICE_COOKIE = '__Host-totp-device';

describe("frank's account page: authenticators, recovery codes, a remembered device", () => {
  const app = useDemo({ colorScheme: 'light' });
  let demo: Demo;
  let page: Page;
  let phone: Authenticator;
  let tablet: Authenticator;
  let manage: Locator;

  before(() => {
    // These tools are what prove the QR code and the codes independently: without them this
    // walk would prove less, so it fails rather than skipping (.ci/run installs both).
    assert.ok(hasZbarimg, 'zbarimg (Debian zbar-tools) is installed');
    assert.ok(hasOathtool, 'oathtool (Debian oathtool) is installed');
    ({ demo, page } = app);
    manage = page.locator('totp-manage');
  });

  /** Signs in with the password and, when asked, the next code of `app`; ends on the portal's home. */
  async function signInWith(app: Authenticator, options: { remember?: boolean } = {}): Promise<void> {
    await signIn(page, demo.url, 'frank');
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    if (options.remember) {
      await page.getByRole('checkbox', { name: "Don't ask again on this device for 30 days" }).check();
    }
    await page.getByLabel('Authentication code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
  }

  /** From the portal's home to the account page, its overview loaded. */
  async function openAccountPage(): Promise<void> {
    await page.getByRole('link', { name: 'Manage authenticator apps and devices' }).click();
    await page.getByRole('heading', { name: 'Account security' }).waitFor();
    await manage.getByRole('heading', { name: 'Authenticator apps' }).waitFor();
  }

  async function expectNoAxeViolation(state: string): Promise<void> {
    assert.deepEqual(await axeViolations(page), [], `the account page, ${state}`);
  }

  const factorNames = () => manage.locator('[part="factor"] .item-name').allInnerTexts();

  async function deviceCookie() {
    return (await page.context().cookies()).find((c) => c.name === DEVICE_COOKIE);
  }

  it('frank enrolls, reaches the account page from the portal, and is the one account offered "remember"', async () => {
    await signIn(page, demo.url, 'frank');
    ({ authenticator: phone } = await enroll(page));

    // The policy offers "Don't ask again on this device" to frank, and to nobody else.
    const frank = await (await page.request.get(`${demo.url}/api/totp/status`)).json();
    assert.equal(frank.rememberDays, 30);
    const login = await fetch(`${demo.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const alice = await (await fetch(`${demo.url}/api/totp/status`, { headers: { cookie } })).json();
    assert.equal(alice.state, 'enrollment-required');
    assert.equal('rememberDays' in alice, false, 'alice keeps the default: a code at every sign-in');

    await openAccountPage();
    assert.deepEqual(await factorNames(), ['Authenticator']);
    await manage.getByText('10 recovery codes left.').waitFor();
    await manage.getByText('No device is remembered: a code is asked at every sign-in.').waitFor();
    await expectNoAxeViolation('overview');
  });

  it('adds a second authenticator from its QR code (zbarimg) and confirms it with oathtool', async () => {
    await manage.getByRole('button', { name: 'Add an authenticator app' }).click();
    const name = manage.getByLabel('Name');
    await name.waitFor();
    await expectNoAxeViolation('naming a new authenticator');
    await name.fill('Tablet');
    await manage.getByRole('button', { name: 'Continue' }).click();

    const qr = manage.locator('totp-qr');
    await qr.locator('svg').waitFor();
    await expectNoAxeViolation('the new QR code');
    const file = join(app.dbPath, '..', 'second-qr.png');
    writeFileSync(file, await qr.screenshot());
    const run = spawnSync('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, `zbarimg read the QR code: ${run.stderr}`);
    const uri = parseOtpauthUri(run.stdout.trim());
    assert.equal(uri.account, 'frank@acme.example');
    assert.equal(uri.issuer, 'Acme Portal');
    const shown = (await manage.locator('code.secret').innerText()).replace(/\s+/g, '');
    assert.equal(uri.secret, shown, 'the QR code carries the key shown for typing');
    assert.notEqual(uri.secret, phone.secret, 'a key of its own');

    tablet = new Authenticator(uri.secret, 30, (secret, atMs) => oathtoolCode(secret, Math.floor(atMs / 1000)));
    await manage.getByLabel('Authentication code').fill(await tablet.nextCode());
    await manage.getByRole('button', { name: 'Verify' }).click();
    await manage.getByText('“Tablet” was added.').waitFor();
    assert.deepEqual(await factorNames(), ['Authenticator', 'Tablet']);
    await expectNoAxeViolation('two authenticators');
  });

  // Either one signs in: the new one here, the first one at the remembered-device sign-in below
  // (each code costs a time step of its app, so the walk spends no more of them than it needs).
  it('signs in with the new authenticator', async () => {
    await signInWith(tablet);
  });

  it('renames one and removes it', async () => {
    await openAccountPage();
    const row = manage.locator('[part="factor"]', { hasText: 'Tablet' });
    await row.getByRole('button', { name: 'Rename' }).click();
    const name = manage.getByLabel('Name');
    await name.waitFor();
    await expectNoAxeViolation('renaming');
    await name.fill('Home tablet');
    await manage.getByRole('button', { name: 'Save' }).click();
    await manage.getByText('Renamed to “Home tablet”.').waitFor();
    assert.deepEqual(await factorNames(), ['Authenticator', 'Home tablet']);

    await manage.locator('[part="factor"]', { hasText: 'Home tablet' }).getByRole('button', { name: 'Remove' }).click();
    await manage.getByRole('heading', { name: 'Remove Home tablet?' }).waitFor();
    await expectNoAxeViolation('confirming a removal');
    await manage.getByRole('button', { name: 'Remove' }).click();
    await manage.getByText('“Home tablet” was removed.').waitFor();
    assert.deepEqual(await factorNames(), ['Authenticator']);
    // The last one cannot be removed while the policy requires TOTP: no Remove button is offered.
    assert.equal(await manage.getByRole('button', { name: 'Remove' }).count(), 0);
    await expectNoAxeViolation('one authenticator left');
  });

  it('gets new recovery codes, shown once behind "I have saved these codes"', async () => {
    await manage.getByRole('button', { name: 'Get new recovery codes' }).click();
    await manage.getByRole('heading', { name: 'Get new recovery codes' }).waitFor();
    await expectNoAxeViolation('asking for a code before new recovery codes');
    await manage.getByLabel('Authentication code').fill(await phone.nextCode());
    await manage.getByRole('button', { name: 'Get new codes' }).click();

    const codes = manage.locator('totp-recovery-codes');
    await codes.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const shown = (await codes.locator('li').allInnerTexts()).map((t) => t.trim());
    assert.equal(shown.length, 10);
    for (const code of shown) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    await expectNoAxeViolation('the new recovery codes');
    const proceed = codes.getByRole('button', { name: 'Continue' });
    assert.equal(await proceed.isDisabled(), true, 'no way on before the codes are marked as saved');
    await codes.getByRole('checkbox', { name: 'I have saved these codes' }).check();
    await proceed.click();
    await manage.getByText('10 recovery codes left.').first().waitFor();
    assert.equal(await manage.locator('totp-recovery-codes').count(), 0, 'the codes are gone from the page');
  });

  it('S58 the first authenticator signs in and ticks "Don\'t ask again": the next sign-in skips the code; once forgotten, it is asked again', async () => {
    await signInWith(phone, { remember: true });
    const cookie = await deviceCookie();
    assert.ok(cookie, 'the remembered-device cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');

    // Sign out and in: the password alone opens the portal in this browser.
    await signIn(page, demo.url, 'frank');
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Enter your authentication code' }).count(), 0);

    await openAccountPage();
    const device = manage.locator('[part="devices"] li');
    await device.getByText('This device').waitFor();
    await expectNoAxeViolation('a remembered device');
    await device.getByRole('button', { name: 'Forget' }).click();
    await manage.getByText('The device was forgotten.').waitFor();
    await manage.getByText('No device is remembered: a code is asked at every sign-in.').waitFor();
    assert.equal(await deviceCookie(), undefined, "this browser's cookie went with it");
    await expectNoAxeViolation('the device forgotten');

    await signIn(page, demo.url, 'frank');
    await page.getByRole('heading', { name: 'Enter your authentication code' }).waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 403);
  });
});
