import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TotpGateError } from '@totp-gate/core';
import { createAdminClient, type AdminUser, type DryRunResult, type TotpAdminClient } from '@totp-gate/core/admin';
import { nextFrame } from '../test/helpers.js';
import type { TotpAdminChangeEvent } from './admin-events.js';
import './admin.js';
import type { TotpAdmin } from './admin.js';
import { enAdmin } from './messages/en.js';
import { deAdmin } from './messages/de.js';
import { frAdmin } from './messages/fr.js';
import { esAdmin } from './messages/es.js';

const SCRIPT = '<img src=x onerror="window.__pwned=1">';

/**
 * A client for a fresh set of users on the real admin mount the test runner serves
 * (packages/server/src/test/admin-browser-server.ts): alice and carol enrolled, bob deferred,
 * dave locked, erin exempt. `x-admin` stands for the host's administrator check.
 */
function realClient(adminId: string | null = 'carol'): TotpAdminClient {
  const key = [...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return createAdminClient({
    baseUrl: `/api/totp-admin-test/${key}`,
    headers: adminId === null ? {} : { 'x-admin': adminId },
  });
}

async function mount(client: TotpAdminClient, lang = 'en', pageSize = 25): Promise<TotpAdmin> {
  const el = await fixture<TotpAdmin>(
    html`<totp-admin lang=${lang} page-size=${pageSize} .client=${client}></totp-admin>`,
  );
  await settle(el);
  return el;
}

/** Waits until the element has finished loading and acting. */
async function settle(el: TotpAdmin): Promise<void> {
  // The first request of a run also starts the test server, which takes a few seconds.
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    await el.updateComplete;
    await nextFrame();
    if (!el.busy && !el.loading && !el.userLoading && !el.dryRun.running) return;
  }
  throw new Error('totp-admin did not settle');
}

const root = (el: TotpAdmin) => el.shadowRoot!;
const text = (el: TotpAdmin) => root(el).textContent!.replace(/\s+/g, ' ');
const heading = (el: TotpAdmin) => root(el).querySelector('h2')!.textContent!.trim();
/** The user and standing cells of each row, as text. */
const rows = (el: TotpAdmin): Array<[string, string]> =>
  [...root(el).querySelectorAll('tbody tr[part="user"]')].map((row) => {
    const [user, standing] = [...row.querySelectorAll('td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    return [user!, standing!];
  });
const part = (el: TotpAdmin, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);

/** The button `label` in the row of `user` (or anywhere when `user` is null). */
function button(el: TotpAdmin, label: string, user: string | null = null): HTMLButtonElement {
  const scope: ParentNode =
    user === null
      ? root(el)
      : [...root(el).querySelectorAll('tr[part="user"]')].find((row) =>
          row.querySelector('td')!.textContent!.includes(user),
        )!;
  const found = [...(scope?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}" for ${user}: ${text(el)}`);
  return found;
}

async function click(el: TotpAdmin, label: string, user: string | null = null): Promise<void> {
  button(el, label, user).click();
  await settle(el);
}

/** The button that opens the detail of `user` in the list. */
function opener(el: TotpAdmin, user: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('button.open-user')].find((b) =>
    b.textContent!.includes(user),
  );
  if (!found) throw new Error(`no row for ${user}: ${text(el)}`);
  return found;
}

/** The detail's value for the term `term`, as text. */
function detail(el: TotpAdmin, term: string): string {
  const dt = [...root(el).querySelectorAll('dt')].find((d) => d.textContent!.trim() === term);
  if (!dt) throw new Error(`no "${term}" in the detail: ${text(el)}`);
  return dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim();
}

function field(el: TotpAdmin, name: string): HTMLInputElement {
  return root(el).querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

const dayValue = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

function changes(el: TotpAdmin): TotpAdminChangeEvent[] {
  const seen: TotpAdminChangeEvent[] = [];
  el.addEventListener('totp-admin-change', (e) => seen.push(e));
  return seen;
}

describe('<totp-admin> against the real admin mount', function () {
  // The test server is compiled and its users made at the first request of a run, and the
  // machine may be busy: the first request gets a minute, each test half of one.
  this.timeout(30_000);
  before(async function () {
    this.timeout(60_000);
    await realClient().list();
  });

  it('S82 lists every user with a readable standing, filters by standing, searches and pages', async () => {
    const el = await mount(realClient(), 'en', 2);
    await expect(el).to.be.accessible();
    expect(heading(el)).to.equal(enAdmin.adminTitle);
    expect(rows(el)).to.have.length(2);
    const seen = rows(el).map(([user]) => user);
    await click(el, 'Next page');
    expect(text(el)).to.contain('Page 2');
    seen.push(...rows(el).map(([user]) => user));
    await click(el, 'Next page');
    seen.push(...rows(el).map(([user]) => user));
    expect(button(el, 'Next page').disabled).to.equal(true);
    expect(seen.map((label) => label.split(' ')[0]).sort()).to.deep.equal(['Alice', 'Bob', 'Carol', 'Dave', 'Erin']);
    await click(el, 'Previous page');
    expect(text(el)).to.contain('Page 2');

    el.pageSize = 25;
    await settle(el);
    const select = root(el).querySelector('select')!;
    select.value = 'locked';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(rows(el)).to.have.length(1);
    expect(rows(el)[0]![0]).to.equal('Dave Dunn dave');
    expect(rows(el)[0]![1]).to.match(/^Locked until /);
    select.value = 'exempt';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(rows(el)[0]![1]).to.match(/^Exempt until .+: Parental leave$/);
    await expect(el).to.be.accessible();

    select.value = '';
    field(el, 'search').value = 'bak';
    button(el, 'Search').click();
    await settle(el);
    expect(rows(el)).to.have.length(1);
    expect(rows(el)[0]![0]).to.equal('Bob Baker bob');
    expect(rows(el)[0]![1]).to.match(/^Deferred until /);
    field(el, 'search').value = 'nobody-matches';
    button(el, 'Search').click();
    await settle(el);
    expect(text(el)).to.contain(enAdmin.noUsers);
    await expect(el).to.be.accessible();
  });

  it('S82 a reset needs a confirmation and a reason; nothing is sent before, and the user must enroll after', async () => {
    const client = realClient();
    const el = await mount(client);
    const seen = changes(el);
    await click(el, 'Reset', 'Alice');
    expect(heading(el)).to.equal('Reset two-factor authentication of Alice Archer?');
    expect(root(el).activeElement).to.equal(part(el, 'heading'));
    await expect(el).to.be.accessible();
    await click(el, 'Reset Alice Archer');
    expect(root(el).querySelector('#reason-error')!.textContent).to.equal(enAdmin.reasonMissing);
    expect(field(el, 'reason').getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).activeElement).to.equal(field(el, 'reason'));
    await expect(el).to.be.accessible();
    expect((await client.user('alice')).authenticators, 'nothing sent yet').to.equal(1);
    await click(el, 'Cancel');
    expect(heading(el)).to.equal(enAdmin.adminTitle);
    expect((await client.user('alice')).authenticators, 'cancel sends nothing').to.equal(1);

    await click(el, 'Reset', 'Alice');
    field(el, 'reason').value = 'Lost phone, ticket 4711';
    await click(el, 'Reset Alice Archer');
    expect(part(el, 'notice')!.textContent).to.equal(
      'Alice Archer was reset and must set up an authenticator app at their next sign-in.',
    );
    expect(rows(el).find(([user]) => user.startsWith('Alice'))![1]).to.match(/^In grace period until /);
    expect(seen.map((e) => [e.change, e.userId])).to.deep.equal([['reset', 'alice']]);
    const alice = await client.user('alice');
    expect([alice.authenticators, alice.recoveryCodesLeft]).to.deep.equal([0, 0]);
    await expect(el).to.be.accessible();
  });

  it('S82 an exemption needs a reason and a last day within the allowed range; it can be changed and ended', async () => {
    const client = realClient();
    const el = await mount(client);
    await click(el, 'Exempt', 'Bob');
    expect(heading(el)).to.equal('Exempt Bob Baker from two-factor authentication');
    await click(el, 'Save exemption');
    expect(root(el).querySelector('#end-error')!.textContent).to.equal(enAdmin.endMissing);
    expect(root(el).querySelector('#reason-error')!.textContent).to.equal(enAdmin.reasonMissing);
    await expect(el).to.be.accessible();
    const today = new Date();
    field(el, 'end').value = dayValue(today);
    field(el, 'reason').value = 'Travelling';
    await click(el, 'Save exemption');
    expect(root(el).querySelector('#end-error')!.textContent).to.contain('from tomorrow');
    expect((await client.user('bob')).exemption, 'nothing sent').to.equal(null);

    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    field(el, 'end').value = dayValue(tomorrow);
    await click(el, 'Save exemption');
    expect(part(el, 'notice')!.textContent).to.match(/^Bob Baker is exempt until /);
    const bob = await client.user('bob');
    expect(bob.exemption).to.include({ reason: 'Travelling', grantedBy: 'carol', source: 'admin' });
    const dayAfter = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 2);
    expect(Date.parse(bob.exemption!.expiresAt!)).to.equal(dayAfter.getTime());
    expect(rows(el).find(([user]) => user.startsWith('Bob'))![1]).to.contain('Travelling');

    await click(el, 'Change exemption', 'Bob');
    expect(field(el, 'end').value, 'the current last day').to.equal(dayValue(tomorrow));
    await click(el, 'Cancel');
    await click(el, 'End exemption', 'Bob');
    field(el, 'reason').value = 'Back early';
    await click(el, 'End exemption');
    expect(part(el, 'notice')!.textContent).to.equal('The exemption of Bob Baker has ended.');
    expect((await client.user('bob')).exemption).to.equal(null);
  });

  it('S82 unlocks a locked user with a reason, keeping the authenticator', async () => {
    const client = realClient();
    const el = await mount(client);
    expect(() => button(el, 'Unlock', 'Alice')).to.throw();
    await click(el, 'Unlock', 'Dave');
    field(el, 'reason').value = 'Called the help desk';
    await click(el, 'Unlock Dave Dunn');
    expect(part(el, 'notice')!.textContent).to.equal('Dave Dunn was unlocked.');
    const dave = await client.user('dave');
    expect([dave.locked, dave.authenticators]).to.deep.equal([false, 1]);
    expect(rows(el).find(([user]) => user.startsWith('Dave'))![1]).to.equal('Enrolled');
  });

  it('S82 is used with the keyboard alone: Tab to an action, Enter, type the reason, Enter', async () => {
    const client = realClient();
    const el = await mount(client);
    button(el, 'Reset', 'Alice').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(root(el).activeElement).to.equal(part(el, 'heading'));
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(field(el, 'reason'));
    await sendKeys({ type: 'Lost phone' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(part(el, 'notice')!.textContent).to.contain('was reset');
    expect(root(el).activeElement).to.equal(part(el, 'heading'));
    expect((await client.user('alice')).authenticators).to.equal(0);
  });

  it('S82 opens a user’s detail from the list, keyboard only, and goes back to the same page with focus on their row', async () => {
    const el = await mount(realClient(), 'en', 2);
    await click(el, 'Next page');
    const first = root(el).querySelector<HTMLButtonElement>('button.open-user')!;
    const id = first.dataset['userId']!;
    const label = first.textContent!.trim();
    first.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(heading(el)).to.equal(`Two-factor authentication of ${label}`);
    expect(root(el).activeElement, 'the heading has focus').to.equal(part(el, 'heading'));
    expect(detail(el, 'User')).to.contain(id);
    await expect(el).to.be.accessible();
    button(el, 'Back to the list').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(heading(el)).to.equal(enAdmin.adminTitle);
    expect(text(el), 'the same page').to.contain('Page 2');
    expect(root(el).activeElement, 'focus is back on the row').to.equal(opener(el, label));
    expect(opener(el, label).dataset['userId']).to.equal(id);
  });

  it('S82 a user’s detail shows their authenticators, recovery codes, lock, exemption and last code, nothing secret', async () => {
    const client = realClient();
    const el = await mount(client);
    await click(el, 'Alice Archer');
    expect(detail(el, 'Roles')).to.equal('staff');
    expect(detail(el, 'Standing')).to.equal('Enrolled');
    // Enrolled through the service's routes: the enrollment code does not count as a sign-in.
    expect(detail(el, 'Authenticators')).to.match(/^Authenticator Added .+; no code yet\.$/);
    expect(detail(el, 'Recovery codes left')).to.equal('10');
    expect(detail(el, 'Lock')).to.equal('Not locked.');
    expect(detail(el, 'Exemption')).to.equal('None');
    expect(detail(el, 'Last sign-in with a code')).to.equal('Never');
    expect(text(el)).not.to.match(/secret|otpauth|[A-Z2-7]{32}/);
    await expect(el).to.be.accessible();
    await click(el, 'Back to the list');

    await click(el, 'Erin Ey');
    expect(detail(el, 'Exemption')).to.match(/^Parental leave Ends .+\. Granted by carol on .+\.$/);
    await click(el, 'Back to the list');
    await click(el, 'Dave Dunn');
    expect(detail(el, 'Lock')).to.match(/^Locked until .+\. Failed codes in a row: 3\.$/);
    await click(el, 'Back to the list');
    await click(el, 'Bob Baker');
    expect(detail(el, 'Authenticators')).to.equal('None');
    expect(detail(el, 'Setting up put off')).to.match(/^Put off on .+\. The grace period ends .+\.$/);
    await expect(el).to.be.accessible();
  });

  it('S82 resets a user from their detail, with a reason; Cancel and the result lead back to the detail', async () => {
    const client = realClient();
    const el = await mount(client);
    const seen = changes(el);
    await click(el, 'Alice Archer');
    await click(el, 'Reset');
    expect(heading(el)).to.equal('Reset two-factor authentication of Alice Archer?');
    await click(el, 'Cancel');
    expect(heading(el)).to.equal('Two-factor authentication of Alice Archer');
    expect((await client.user('alice')).authenticators, 'cancel sends nothing').to.equal(1);
    await click(el, 'Reset');
    field(el, 'reason').value = 'Lost phone, ticket 4711';
    await click(el, 'Reset Alice Archer');
    expect(heading(el)).to.equal('Two-factor authentication of Alice Archer');
    expect(root(el).activeElement).to.equal(part(el, 'heading'));
    expect(part(el, 'notice')!.textContent).to.contain('Alice Archer was reset');
    expect(detail(el, 'Authenticators')).to.equal('None');
    expect(detail(el, 'Recovery codes left')).to.equal('0');
    expect(detail(el, 'Standing')).to.match(/^In grace period until /);
    expect(seen.map((e) => [e.change, e.userId])).to.deep.equal([['reset', 'alice']]);
    await click(el, 'Back to the list');
    expect(rows(el).find(([user]) => user.startsWith('Alice'))![1]).to.match(/^In grace period until /);
  });

  it('S82 runs a dry run of a candidate policy: counts, who would be blocked, in grace or exempt, and the guard; nothing changes', async () => {
    const client = realClient();
    const el = await mount(client);
    await click(el, 'Try a policy (dry run)');
    expect(heading(el)).to.equal(enAdmin.dryRunTitle);
    expect(root(el).activeElement).to.equal(part(el, 'heading'));
    expect(field(el, 'day').value, 'today by default').to.equal(dayValue(new Date()));
    await expect(el).to.be.accessible();

    field(el, 'roles').value = 'contractor, staff';
    field(el, 'grace').value = '0';
    await click(el, 'Run the dry run');
    const result = part(el, 'dry-run-result')!;
    expect(result.querySelector('h3')!.textContent).to.contain('for 5 users');
    const count = (standing: string) =>
      [...result.querySelectorAll('tbody tr')]
        .find((r) => r.querySelector('th')!.textContent === standing)!
        .querySelector('td')!.textContent;
    expect([count('Must enroll'), count('Exempt'), count('Not required')]).to.deep.equal(['1', '1', '1']);
    const groups = [...result.querySelectorAll('h4')].map((h) => [
      h.textContent,
      h.nextElementSibling!.textContent!.trim(),
    ]);
    expect(groups[0]).to.deep.equal(['Blocked until they enroll: 1', 'bob']);
    expect(groups[2]![1]).to.match(/^erin: until .+: Parental leave$/);
    expect(part(el, 'guard')!.textContent!.trim()).to.equal('Administrators who could still sign in: 1 of 1.');
    expect(root(el).querySelector('.status')!.textContent).to.equal(
      'Dry run done: 5 users, 1 would be blocked. Nothing was changed.',
    );
    await expect(el).to.be.accessible();
    expect((await client.user('bob')).standing, 'the dry run changed nothing').to.equal('deferred');

    // With every administrator reset and no grace period, the guard warns.
    await client.reset('carol', { reason: 'Test of the guard' });
    field(el, 'roles').value = '';
    await click(el, 'Run the dry run');
    expect(part(el, 'guard')!.classList.contains('tripped')).to.equal(true);
    expect(part(el, 'guard')!.textContent).to.contain(enAdmin.guardTrippedTitle);
    expect(part(el, 'guard')!.textContent).to.contain('(carol)');
    expect(root(el).querySelector('.status')!.textContent).to.contain(enAdmin.guardTrippedTitle);
    await expect(el).to.be.accessible();

    // A grace period of 7 days from their requiredSince (a day ago) lets carol in.
    field(el, 'grace').value = '7';
    await click(el, 'Run the dry run');
    expect(part(el, 'guard')!.classList.contains('tripped')).to.equal(false);
    await click(el, 'Back to the list');
    expect(heading(el)).to.equal(enAdmin.adminTitle);
  });

  it('S82 the dry run says what is wrong with the form, and shows the server’s refusal in words', async () => {
    const el = await mount(realClient());
    await click(el, 'Try a policy (dry run)');
    field(el, 'grace').value = 'ten';
    field(el, 'day').value = '';
    await click(el, 'Run the dry run');
    expect(root(el).querySelector('#dry-grace-error')!.textContent).to.equal(
      'Enter a whole number of days from 0 to 365.',
    );
    expect(root(el).querySelector('#dry-day-error')!.textContent).to.equal(enAdmin.dayMissing);
    expect(root(el).activeElement).to.equal(field(el, 'day'));
    expect(part(el, 'dry-run-result')).to.equal(null);
    await expect(el).to.be.accessible();

    // More roles than the mount accepts in one request: the server refuses, and says why.
    field(el, 'day').value = dayValue(new Date());
    field(el, 'grace').value = '0';
    field(el, 'roles').value = Array.from({ length: 1001 }, (_, i) => `role${i}`).join(',');
    await click(el, 'Run the dry run');
    const error = root(el).querySelectorAll('[part="error"]');
    expect([...error].map((e) => e.textContent).join(' ')).to.match(
      /^The server refused this: The request body is larger/,
    );
    expect(part(el, 'dry-run-result')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('S82 offers the user list (with the filter shown) and the audit events as CSV and JSON download links', async () => {
    const el = await mount(realClient());
    const links = () =>
      Object.fromEntries(
        [...root(el).querySelectorAll<HTMLAnchorElement>('a[part="export"]')].map((a) => [a.textContent, a]),
      );
    expect(Object.keys(links())).to.deep.equal(['Users (CSV)', 'Users (JSON)', 'Audit log (CSV)', 'Audit log (JSON)']);
    for (const a of Object.values(links())) expect(a.hasAttribute('download')).to.equal(true);
    const select = root(el).querySelector('select')!;
    select.value = 'locked';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    const users = new URL(links()['Users (CSV)']!.href);
    expect(users.pathname).to.match(/\/export\/users$/);
    expect(Object.fromEntries(users.searchParams)).to.deep.equal({ standing: 'locked', format: 'csv' });
    // The host's administrator check is a header here (a cookie in a real app): fetch as the link would.
    const get = (a: HTMLAnchorElement) => fetch(a.href, { headers: { 'x-admin': 'carol' } });
    const csv = await get(links()['Users (CSV)']!);
    expect(csv.headers.get('content-disposition')).to.equal('attachment; filename="totp-users.csv"');
    const body = await csv.text();
    expect(body).to.contain('dave');
    expect(body).not.to.contain('alice');
    const audit = await (await get(links()['Audit log (JSON)']!)).json();
    expect(audit).to.be.an('object');
    await expect(el).to.be.accessible();
  });

  it('S82 says clearly when the page is not an administrator’s, and offers to try again', async () => {
    const el = await mount(realClient(null));
    expect(part(el, 'error')!.textContent).to.equal(enAdmin.errorForbidden);
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(rows(el)).to.deep.equal([]);
    button(el, 'Try again');
    await expect(el).to.be.accessible();
  });
});

/** A client stub (not a server): answers fixed pages and can be held, to see slow and hostile cases. */
function stubClient(users: AdminUser[], hold?: Promise<void>, dryRun?: DryRunResult): TotpAdminClient {
  const real = createAdminClient({ baseUrl: '/nowhere' });
  return {
    ...real,
    async list() {
      await hold;
      return { users, nextCursor: null };
    },
    async user(userId) {
      const user = users.find((u) => u.userId === userId);
      if (!user?.factors) throw new TotpGateError('unknown-user', 'No such user.', { status: 404 });
      return user;
    },
    async dryRun() {
      await hold;
      return dryRun!;
    },
    async reset() {
      throw new TotpGateError('unknown-user', 'No such user.', { status: 404 });
    },
  };
}

const plain: AdminUser = {
  userId: 'u1',
  account: null,
  roles: [],
  standing: 'must-enroll',
  authenticators: 1,
  enrolledAt: null,
  lastSignInAt: null,
  graceEndsAt: null,
  deferredAt: null,
  failures: 0,
  locked: false,
  lockedUntil: null,
  hardLocked: false,
  exemption: null,
  recoveryCodesLeft: 0,
  enrollmentPending: false,
};

describe('<totp-admin> states', () => {
  it('S83 shows progress while a page is slow to come, with the table marked busy', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const el = await fixture<TotpAdmin>(html`<totp-admin .client=${stubClient([plain], held)}></totp-admin>`);
    await el.updateComplete;
    expect(root(el).querySelector('.status')!.textContent).to.equal(enAdmin.adminLoading);
    expect(root(el).querySelector('.table-wrap')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await settle(el);
    expect(root(el).querySelector('.status')!.textContent).to.equal('');
    expect(rows(el)).to.have.length(1);
  });

  it('S83 renders script in an account label, a reason and an id as text', async () => {
    const hostile: AdminUser = {
      ...plain,
      userId: SCRIPT,
      account: SCRIPT,
      standing: 'exempt',
      exemption: { reason: SCRIPT, expiresAt: null, source: 'policy', grantedBy: null, grantedAt: null },
    };
    const el = await mount(stubClient([hostile]));
    expect(root(el).querySelector('img')).to.equal(null);
    expect(text(el)).to.contain(SCRIPT);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('S83 renders script in an authenticator’s name, an exemption reason and a dry run’s ids as text', async () => {
    const hostile: AdminUser = {
      ...plain,
      standing: 'exempt',
      exemption: { reason: SCRIPT, expiresAt: null, source: 'policy', grantedBy: null, grantedAt: null },
      factors: [{ name: SCRIPT, createdAt: '2026-03-01T12:00:00.000Z', lastUsedAt: null }],
    };
    const found: DryRunResult = {
      at: '2026-03-02T00:00:00.000Z',
      total: 1,
      counts: { 'not-required': 0, exempt: 1, locked: 0, enrolled: 0, deferred: 0, 'in-grace': 0, 'must-enroll': 0 },
      blocked: [],
      inGrace: [],
      exempt: [{ userId: SCRIPT, reason: SCRIPT, expiresAt: null }],
      locked: [],
      truncated: false,
      guard: { tripped: false, administrators: 0, canSignIn: 0, blocked: [] },
    };
    const el = await mount(stubClient([hostile], undefined, found));
    await click(el, 'u1');
    expect(detail(el, 'Authenticators')).to.contain(SCRIPT);
    expect(detail(el, 'Exemption')).to.contain(SCRIPT);
    await click(el, 'Back to the list');
    await click(el, 'Try a policy (dry run)');
    await click(el, 'Run the dry run');
    expect(part(el, 'dry-run-result')!.textContent).to.contain(`${SCRIPT}: ${SCRIPT} (no end)`);
    expect(root(el).querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('S83 shows a dry run in progress (form busy, announced), then the capped lists with how many more', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ids = Array.from({ length: 100 }, (_, i) => `user-${i}`);
    const found: DryRunResult = {
      at: new Date().toISOString(),
      total: 250,
      counts: { 'not-required': 0, exempt: 0, locked: 0, enrolled: 0, deferred: 0, 'in-grace': 0, 'must-enroll': 250 },
      blocked: ids,
      inGrace: [],
      exempt: [],
      locked: [],
      truncated: true,
      guard: { tripped: false, administrators: 0, canSignIn: 0, blocked: [] },
    };
    const el = await mount(stubClient([plain], undefined, found));
    el.client = stubClient([plain], held, found);
    el.go({ name: 'dry-run' });
    await el.updateComplete;
    button(el, 'Run the dry run').click();
    await el.updateComplete;
    await nextFrame();
    expect(root(el).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    expect(root(el).querySelector('.status')!.textContent).to.equal(enAdmin.dryRunRunning);
    expect(root(el).querySelector('.status')!.getAttribute('role')).to.equal('status');
    expect(button(el, 'Working…').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await settle(el);
    expect(root(el).querySelector('form')!.getAttribute('aria-busy')).to.equal('false');
    expect(part(el, 'dry-run-result')!.querySelectorAll('.people li')).to.have.length(100);
    expect(part(el, 'dry-run-result')!.textContent).to.contain('And 150 more not listed here');
    expect(part(el, 'guard')!.textContent!.trim()).to.equal(enAdmin.guardNoAdministrators);
    await expect(el).to.be.accessible();
  });

  it('S83 a user’s detail the server no longer knows keeps what the list showed, says so and offers to try again', async () => {
    const el = await mount(stubClient([plain]));
    await click(el, 'u1');
    expect(heading(el)).to.equal('Two-factor authentication of u1');
    expect(part(el, 'error')!.textContent).to.equal(enAdmin.errorUnknownUser);
    expect(detail(el, 'Standing')).to.equal('Must enroll');
    expect(detail(el, 'Authenticators'), 'the count from the list').to.equal('1');
    button(el, 'Try again');
    await expect(el).to.be.accessible();
  });

  it('S83 an action the server refuses leaves the form filled in, with the error announced', async () => {
    const el = await mount(stubClient([plain]));
    await click(el, 'Reset', 'u1');
    field(el, 'reason').value = 'Lost phone';
    await click(el, 'Reset u1');
    expect(heading(el)).to.equal('Reset two-factor authentication of u1?');
    expect(part(el, 'error')!.textContent).to.equal(enAdmin.errorUnknownUser);
    expect(field(el, 'reason').value).to.equal('Lost phone');
    await expect(el).to.be.accessible();
  });

  for (const [lang, catalogue] of Object.entries({ de: deAdmin, fr: frAdmin, es: esAdmin })) {
    it(`S83 speaks ${lang}, with every key translated and the same placeholders`, async () => {
      expect(Object.keys(catalogue).sort()).to.deep.equal(Object.keys(enAdmin).sort());
      const placeholders = (m: unknown) =>
        typeof m === 'string' ? [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort() : [];
      for (const [key, message] of Object.entries(enAdmin)) {
        expect(placeholders(catalogue[key as keyof typeof enAdmin]), key).to.deep.equal(placeholders(message));
        expect(catalogue[key as keyof typeof enAdmin], `${lang} ${key}`).not.to.equal(message);
      }
      const el = await mount(stubClient([plain]), lang);
      for (let i = 0; i < 20 && heading(el) !== catalogue.adminTitle; i++) await nextFrame();
      expect(heading(el)).to.equal(catalogue.adminTitle);
      expect(text(el)).to.contain(catalogue.standingMustEnroll as string);
      await expect(el).to.be.accessible();
      el.open(plain);
      await settle(el);
      expect(heading(el)).to.equal((catalogue.userTitle as string).replace('{user}', 'u1'));
      await expect(el).to.be.accessible();
      el.go({ name: 'dry-run' });
      await settle(el);
      expect(heading(el)).to.equal(catalogue.dryRunTitle);
      await expect(el).to.be.accessible();
    });
  }

  it('S83 is themeable through the shared custom properties', async () => {
    const el = await mount(stubClient([plain]));
    el.style.setProperty('--totp-color-accent', 'rgb(1, 2, 3)');
    await el.updateComplete;
    const search = button(el, 'Search');
    expect(getComputedStyle(search).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
