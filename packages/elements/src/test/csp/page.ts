/**
 * The strict-CSP page (S38): renders every element in its main states with a fake backend and
 * exposes `window.cspPage` (a promise of what was rendered) to the test in the parent page.
 */
import { createGate } from '@totp-gate/core';
import { buildOtpauthUri } from '@totp-gate/core/otp';
import { createFakeBackend } from '@totp-gate/core/testing';
import { createAdminClient } from '@totp-gate/core/admin';
import '../../index.js';
import '../../admin/admin.js';
import type { TotpAdmin } from '../../admin/admin.js';
import type { TotpGate } from '../../gate/gate.js';
import '../../manage/manage.js';
import type { TotpManage } from '../../manage/manage.js';

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

function add<K extends keyof HTMLElementTagNameMap>(tag: K, setup: (el: HTMLElementTagNameMap[K]) => void = () => {}) {
  const el = document.createElement(tag);
  setup(el);
  document.body.append(el);
  return el;
}

async function settle(el: Element & { updateComplete?: Promise<unknown> }) {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

async function render() {
  const shown: Record<string, number> = {};
  const count = (name: string, el: Element) => (shown[name] = el.shadowRoot?.querySelectorAll('*').length ?? 0);

  const input = add('totp-code-input', (el) => {
    el.name = 'code';
    el.error = PAYLOAD;
  });
  await settle(input);
  count('totp-code-input', input);

  const qr = add('totp-qr', (el) => {
    el.uri = buildOtpauthUri({
      issuer: `Acme ${PAYLOAD}`,
      account: 'alice@example.com',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });
  await settle(qr);
  count('totp-qr', qr);

  const codes = add('totp-recovery-codes', (el) => {
    el.codes = ['k7p2m-9xq4r', PAYLOAD];
    el.issuer = PAYLOAD;
  });
  await settle(codes);
  count('totp-recovery-codes', codes);

  const enrollGate = createGate({ backend: createFakeBackend({ issuer: PAYLOAD }) });
  await enrollGate.refresh();
  await enrollGate.startEnrollment();
  const enroll = add('totp-enroll', (el) => (el.gate = enrollGate));
  await settle(enroll);
  await settle(enroll.shadowRoot!.querySelector('totp-qr') ?? enroll);
  count('totp-enroll', enroll);

  const challengeBackend = createFakeBackend({ enrolled: true });
  const challengeGate = createGate({ backend: challengeBackend });
  await challengeGate.refresh();
  await challengeGate.verify('000000').catch(() => {});
  const challenge = add('totp-challenge', (el) => (el.gate = challengeGate));
  await settle(challenge);
  count('totp-challenge', challenge);

  // The gate through a whole enrollment: QR, recovery codes, then the protected content.
  const backend = createFakeBackend();
  const gate = createGate({ backend });
  const gateEl: TotpGate = add('totp-gate', (el) => {
    el.gate = gate;
    el.append(Object.assign(document.createElement('p'), { textContent: 'Protected app' }));
  });
  await gate.refresh();
  await gate.startEnrollment();
  await settle(gateEl);
  const steps: string[] = [gate.getState().status];
  await gate.confirmEnrollment(backend.currentCode());
  await settle(gateEl);
  steps.push(gate.getState().status);
  count('totp-gate (recovery codes)', gateEl);
  await gate.acknowledgeRecoveryCodes();
  await settle(gateEl);
  steps.push(gate.getState().status);

  const managed = await manageScreens(PAYLOAD);
  const administered = await adminScreens();

  return { shown: { ...shown, ...managed, ...administered }, steps, pwned: (window as any).__pwned === 1 };
}

/** Settles `<totp-manage>` until it has finished loading or acting. */
async function settleManage(el: TotpManage): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await settle(el);
    if (!el.busy && el.screen.name !== 'loading') return;
  }
  throw new Error(`totp-manage did not settle (screen ${el.screen.name})`);
}

/** Clicks the button labelled `label` in `<totp-manage>`, then settles. */
async function press(el: TotpManage, label: string): Promise<void> {
  const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
  if (!button) throw new Error(`totp-manage has no "${label}" button on ${el.screen.name}`);
  button.click();
  await settleManage(el);
}

/**
 * `<totp-manage>` through its screens: the overview with a remembered device, a new authenticator
 * named with script in it (name, QR code and key), and new recovery codes. The number of elements
 * drawn at each screen, keyed `totp-manage (screen)`.
 */
async function manageScreens(payload: string): Promise<Record<string, number>> {
  const shown: Record<string, number> = {};
  const capabilities = { factors: true, regenerateRecoveryCodes: true, rememberDevice: true, signOutOthers: true };
  let now = Date.parse('2026-03-01T12:00:10.000Z');
  const backend = createFakeBackend({ capabilities, rememberDays: 30, now: () => now });
  await backend.startEnrollment();
  await backend.confirmEnrollment(backend.currentCode());
  // Another browser of the same person ticked "Don't ask again on this device".
  now += 30_000;
  await backend.newSession().verify(backend.currentCode(), { rememberDevice: true });
  now += 30_000;
  const el: TotpManage = add('totp-manage', (m) => (m.backend = backend));
  await settleManage(el);
  // Elements drawn in the shadow root and in the shadow roots of the elements it holds.
  const drawn = (root: ShadowRoot): number =>
    [...root.querySelectorAll('*')].reduce((n, child) => n + 1 + (child.shadowRoot ? drawn(child.shadowRoot) : 0), 0);
  const count = (screen: string) => (shown[`totp-manage (${screen})`] = drawn(el.shadowRoot!));
  if (el.shadowRoot!.querySelectorAll('[part="devices"] li').length !== 1) throw new Error('no remembered device');
  count('overview');

  await press(el, 'Add an authenticator app');
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!.value = `Tablet ${payload}`;
  await press(el, 'Continue');
  await settle(el.shadowRoot!.querySelector('totp-qr') ?? el);
  count('scan');
  el.shadowRoot!.querySelector<HTMLInputElement & { value: string }>('totp-code-input')!.value =
    backend.codeOf('pending');
  await press(el, 'Verify');
  const names = [...el.shadowRoot!.querySelectorAll('[part="factor"] .item-name')].map((n) => n.textContent);
  if (names[1] !== `Tablet ${payload}` || el.shadowRoot!.querySelector('img')) {
    throw new Error(`the new authenticator's name is not shown as text: ${JSON.stringify(names)}`);
  }
  count('two authenticators');

  await press(el, 'Get new recovery codes');
  now += 30_000;
  el.shadowRoot!.querySelector<HTMLInputElement & { value: string }>('totp-code-input')!.value = backend.currentCode();
  await press(el, 'Get new codes');
  const codes = el.shadowRoot!.querySelector('totp-recovery-codes');
  if (!codes) throw new Error(`totp-manage shows no new recovery codes (screen ${el.screen.name})`);
  await settle(codes);
  count('codes');
  return shown;
}

/** Settles `<totp-admin>` until it has finished loading, acting and running a dry run. */
async function settleAdmin(el: TotpAdmin): Promise<void> {
  // The first request of a run starts the admin test server, which takes a few seconds.
  const until = Date.now() + 25_000;
  while (Date.now() < until) {
    await settle(el);
    if (!el.loading && !el.userLoading && !el.busy && !el.dryRun.running) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`totp-admin did not settle (screen ${el.screen.name})`);
}

/**
 * `<totp-admin>` against the real admin mount the test runner serves (a fresh copy of its users,
 * see packages/server/src/test/admin-browser-server.ts): the list, a user's detail and a dry run
 * with its answer, keyed `totp-admin (screen)`.
 */
async function adminScreens(): Promise<Record<string, number>> {
  const shown: Record<string, number> = {};
  const key = `csp-${[...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  const client = createAdminClient({ baseUrl: `/api/totp-admin-test/${key}`, headers: { 'x-admin': 'carol' } });
  const el: TotpAdmin = add('totp-admin', (a) => (a.client = client));
  await settleAdmin(el);
  const count = (screen: string) => (shown[`totp-admin (${screen})`] = el.shadowRoot!.querySelectorAll('*').length);
  if (el.shadowRoot!.querySelectorAll('tr[part="user"]').length !== 5) throw new Error('totp-admin lists no users');
  count('list');

  el.shadowRoot!.querySelector<HTMLButtonElement>('button.open-user')!.click();
  await settleAdmin(el);
  if (!el.shadowRoot!.querySelector('[part="detail"]')) throw new Error('totp-admin shows no detail');
  count('detail');

  el.go({ name: 'dry-run' });
  await settleAdmin(el);
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="roles"]')!.value = 'contractor';
  el.shadowRoot!.querySelector<HTMLFormElement>('form[part="dry-run"]')!.requestSubmit();
  await settleAdmin(el);
  if (!el.shadowRoot!.querySelector('[part="dry-run-result"]')) throw new Error('totp-admin shows no dry-run result');
  count('dry run');
  return shown;
}

(window as any).cspPage = render();
