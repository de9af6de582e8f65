/**
 * The policy's other cases: erin may defer inside her grace period, root is let in by a
 * break-glass exemption that the audit log records, and dave's role is not covered at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signIn, useDemo } from './harness.js';

describe('policy cases', () => {
  const app = useDemo();

  it('S32 erin defers inside her grace period and sees the banner', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'erin');
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    await page.getByText('You can do this later, until', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Later' }).click();

    await page.getByText('Two-factor authentication will be required from', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Set up now' }).waitFor();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 200);
    const status = await (await page.request.get(`${demo.url}/api/totp/status`)).json();
    assert.equal(status.state, 'deferred');
    const graceEnds = Date.parse(status.graceEndsAt);
    const sixDays = 6 * 86_400_000;
    assert.ok(Math.abs(graceEnds - Date.now() - sixDays) < 3_600_000, 'the grace period ends 6 days from now');
    await page.locator('.audit-entry[data-type="deferred"]').waitFor();
  });

  it('S31 root is let in as exempt ("break-glass", ends with the year) and the audit panel says so', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'root');
    await page.getByText('You are exempt from two-factor authentication: break-glass.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    await page.locator('.status-card').getByText('Exempt', { exact: true }).waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 200);

    const entry = page.locator('.audit-entry[data-type="exemption-applied"]');
    await entry.waitFor();
    const text = await entry.innerText();
    assert.match(text, /Let in by exemption/);
    assert.match(text, /break-glass until \d{4}-12-31T23:59:59/);
  });

  it('dave, whose role the policy does not cover, is never asked for a code', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'dave');
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    await page.locator('.status-card').getByText('Not required').waitFor();
    assert.equal(await page.getByLabel('Authentication code').count(), 0);
    assert.equal(await page.getByText('exempt', { exact: false }).count(), 0, 'no exemption notice: none applies');
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 200);
  });
});
