/**
 * The Admin page, walked as carol (the demo's administrator): she resets alice with a reason and
 * grants bob a one-day exemption with a reason through `<totp-admin>`; the page's list of
 * administrator actions shows both with readable labels; alice must set up an authenticator
 * again at her next sign-in and bob is let in by his exemption. The admin routes answer only an
 * administrator whose session passed TOTP.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { enroll, signIn, signOut, useDemo } from './harness.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the whole page, as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate<{ violations: { id: string; nodes: { target: string[] }[] }[] }>(
    'axe.run(document)',
  );
  return result.violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The `<totp-admin>` row of a person, by the name it shows. */
const row = (page: Page, name: string) => page.locator('totp-admin tr[part="user"]', { hasText: name });

/** Tomorrow as `<input type="date">` takes it, in the browser's time zone. */
const tomorrow = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    const t = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
  });

describe('the Admin page', () => {
  const app = useDemo();

  it('S84 the admin routes answer 403 to anyone but an administrator who passed TOTP', async () => {
    const { page, demo } = app;
    assert.equal((await page.request.get(`${demo.url}/api/totp-admin/users`)).status(), 403, 'signed out');
    await signIn(page, demo.url, 'alice');
    await enroll(page);
    for (const path of ['/api/totp-admin/users', '/api/admin-actions']) {
      const answer = await page.request.get(`${demo.url}${path}`);
      assert.equal(answer.status(), 403, `alice (staff) ${path}`);
      assert.equal((await answer.json()).error.code, 'forbidden');
    }
    const reset = await page.request.post(`${demo.url}/api/totp-admin/users/alice/reset`, {
      data: { reason: 'self-service' },
    });
    assert.equal(reset.status(), 403);
    assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0, 'no Admin link for staff');
    await signOut(page);
    await signIn(page, demo.url, 'carol');
    // carol has signed in with her password only: not yet an administrator's session.
    assert.equal((await page.request.get(`${demo.url}/api/totp-admin/users`)).status(), 403, 'before TOTP');
  });

  it('S84 carol resets alice and exempts bob for a day, each with a reason, and the actions list shows both', async () => {
    const { page, demo } = app;
    await signOut(page);
    // bob starts setting up an authenticator, so TOTP Gate knows him, then leaves.
    await signIn(page, demo.url, 'bob');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.locator('totp-qr svg').waitFor();
    await signOut(page);

    await signIn(page, demo.url, 'carol');
    await enroll(page);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Two-factor authentication of your users' }).waitFor();
    await row(page, 'Alice Archer').getByText('Enrolled').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the list');

    await row(page, 'Alice Archer').getByRole('button', { name: 'Reset' }).click();
    await page.getByRole('heading', { name: 'Reset two-factor authentication of Alice Archer?' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the reset confirmation');
    await page.getByLabel('Reason').fill('Lost phone, ticket 4711');
    await page.getByRole('button', { name: 'Reset Alice Archer' }).click();
    await page.getByText('Alice Archer was reset and must set up an authenticator app').waitFor();
    await row(page, 'Alice Archer').getByText('Must enroll').waitFor();

    await row(page, 'Bob Baker').getByRole('button', { name: 'Exempt' }).click();
    await page.getByLabel('Last day').fill(await tomorrow(page));
    await page.getByLabel('Reason').fill('Travelling without his phone');
    assert.deepEqual(await axeViolations(page), [], 'the exemption form');
    await page.getByRole('button', { name: 'Save exemption' }).click();
    await page.getByText('Bob Baker is exempt until', { exact: false }).waitFor();
    await row(page, 'Bob Baker').getByText('Travelling without his phone', { exact: false }).waitFor();

    const actions = page.locator('.admin-actions .audit-entry');
    await page.locator('.admin-actions .audit-entry[data-type="admin-exemption-granted"]').waitFor();
    const lines = await actions.allInnerTexts();
    const reset = lines.find((line) => line.includes('Reset by an administrator: alice'));
    const exempted = lines.find((line) => line.includes('Exempted by an administrator: bob'));
    assert.ok(reset, lines.join('\n'));
    assert.match(reset, /adminId=carol/);
    assert.match(reset, /adminReason=Lost phone, ticket 4711/);
    assert.ok(exempted, lines.join('\n'));
    assert.match(exempted, /adminReason=Travelling without his phone/);
    assert.deepEqual(await axeViolations(page), [], 'after both actions');
  });

  it('S65 alice must set up an authenticator again at her next sign-in, and then sees the reset in her trail; bob is let in by his exemption', async () => {
    const { page, demo } = app;
    await signIn(page, demo.url, 'alice');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).waitFor();
    assert.equal(await page.getByLabel('Authentication code').count(), 0, 'no code asked: nothing to ask it of');
    // Once she has set one up again, her own audit trail shows the reset, with who and why.
    await enroll(page);
    const entry = page.locator('acme-audit-panel .audit-entry[data-type="admin-reset"]');
    await entry.getByText('Reset by an administrator').waitFor();
    assert.match(await entry.innerText(), /adminId=carol adminReason=Lost phone, ticket 4711/);

    await signIn(page, demo.url, 'bob');
    await page.getByText('Travelling without his phone', { exact: false }).first().waitFor();
    await page.getByRole('heading', { name: 'Internal notes' }).waitFor();
    assert.equal((await page.request.get(`${demo.url}/api/notes`)).status(), 200);
  });
});
