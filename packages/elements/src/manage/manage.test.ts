import { expect, fixture, html } from '@open-wc/testing';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import { TotpGateError, formatSecret, type TotpBackend } from '@totp-gate/core';
import type { TotpCodeInput } from '../code-input/code-input.js';
import type { TotpRecoveryCodes } from '../recovery-codes/recovery-codes.js';
import { allAttributeValues, lightDomText, nextFrame } from '../test/helpers.js';
import type { TotpAccountChangeEvent } from './manage-events.js';
import { TotpManage } from './manage.js';
import { enManage } from './messages/en.js';
import { deManage } from './messages/de.js';
import { esManage } from './messages/es.js';
import { frManage } from './messages/fr.js';

const ACCOUNT = { factors: true, regenerateRecoveryCodes: true, rememberDevice: true, signOutOthers: true };
const T0 = Date.parse('2026-03-01T12:00:10.000Z');
const STEP = 30_000;
const SCRIPT = '<img src=x onerror="window.__pwned=1">';

/** A fake user who enrolled (10 recovery codes) and whose first session is verified, on a movable clock. */
async function enrolled(options: FakeBackendOptions = {}) {
  let now = T0;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const fake = createFakeBackend({ now: clock.now, capabilities: ACCOUNT, ...options });
  await fake.startEnrollment();
  await fake.confirmEnrollment(fake.currentCode());
  return { fake, clock };
}

async function mount(backend: TotpBackend, lang = 'en'): Promise<TotpManage> {
  const el = await fixture<TotpManage>(html`<totp-manage lang=${lang} .backend=${backend}></totp-manage>`);
  await settle(el);
  return el;
}

/** Waits until the element has finished loading or acting. */
async function settle(el: TotpManage): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await el.updateComplete;
    await nextFrame();
    if (!el.busy && el.screen.name !== 'loading') return;
  }
  throw new Error(`totp-manage did not settle (screen ${el.screen.name})`);
}

const root = (el: TotpManage) => el.shadowRoot!;
const text = (el: TotpManage) => root(el).textContent!.replace(/\s+/g, ' ');
const heading = (el: TotpManage) => root(el).querySelector('h2')!.textContent!.trim();
const part = (el: TotpManage, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);

function button(el: TotpManage, label: string, index = 0): HTMLButtonElement {
  const found = [...root(el).querySelectorAll('button')].filter((b) => b.textContent!.trim() === label);
  if (!found[index]) throw new Error(`no button "${label}" (#${index}) on ${el.screen.name}: ${text(el)}`);
  return found[index]!;
}

async function click(el: TotpManage, label: string, index = 0): Promise<void> {
  button(el, label, index).click();
  await settle(el);
}

async function submitCode(el: TotpManage, code: string, label = 'Verify'): Promise<TotpCodeInput> {
  const input = root(el).querySelector<TotpCodeInput>('totp-code-input')!;
  input.value = code;
  await click(el, label);
  return input;
}

async function submitName(el: TotpManage, name: string, label: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('input[name="name"]')!;
  input.value = name;
  await click(el, label);
}

function changes(el: TotpManage): TotpAccountChangeEvent[] {
  const seen: TotpAccountChangeEvent[] = [];
  el.addEventListener('totp-account-change', (e) => seen.push(e));
  return seen;
}

/** Adds an authenticator named `name` through the element (the session is freshly verified). */
async function addThroughElement(el: TotpManage, fake: FakeBackend, name: string): Promise<void> {
  await click(el, 'Add an authenticator app');
  await submitName(el, name, 'Continue');
  await submitCode(el, fake.codeOf('pending'));
}

describe('totp-manage', () => {
  it('is registered, lists the one authenticator without a Remove button, and counts the recovery codes', async () => {
    const { fake } = await enrolled();
    const el = await mount(fake);
    expect(customElements.get('totp-manage')).to.equal(TotpManage);
    expect(heading(el)).to.equal('Two-factor authentication');
    const items = root(el).querySelectorAll('[part="factor"]');
    expect(items).to.have.length(1);
    expect(items[0]!.textContent).to.contain('Authenticator');
    expect(items[0]!.textContent).to.contain('Added Mar 1, 2026');
    expect(() => button(el, 'Remove')).to.throw();
    expect(text(el)).to.contain(enManage.factorOnlyOne);
    expect(text(el)).to.contain('10 recovery codes left.');
    expect(part(el, 'warning')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows only what the backend declares; with no account capability it says so', async () => {
    const plain = createFakeBackend({ enrolled: true });
    const el = await mount(plain);
    expect(el.screen.name).to.equal('unsupported');
    expect(text(el)).to.contain(enManage.manageUnsupported);
    await expect(el).to.be.accessible();

    const { fake } = await enrolled({ capabilities: { regenerateRecoveryCodes: true } });
    const codesOnly = await mount(fake);
    expect(part(codesOnly, 'factors')).to.equal(null);
    expect(part(codesOnly, 'sign-out-others')).to.equal(null);
    expect(part(codesOnly, 'codes')).not.to.equal(null);

    // A server without the devices endpoint (404: unsupported) shows the rest.
    const { fake: noDevices } = await enrolled();
    noDevices.listDevices = () => Promise.reject(new TotpGateError('unsupported', 'No such endpoint.'));
    const partial = await mount(noDevices);
    expect(partial.screen.name).to.equal('overview');
    expect(part(partial, 'devices')).to.equal(null);
    expect(part(partial, 'factors')).not.to.equal(null);
  });

  it('says why it could not load and loads again on Try again', async () => {
    const { fake } = await enrolled();
    fake.failNext('network');
    const el = await mount(fake);
    expect(el.screen.name).to.equal('failed');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'error')!.textContent).to.match(/could not reach the server/i);
    await expect(el).to.be.accessible();
    await click(el, 'Try again');
    expect(el.screen.name).to.equal('overview');
  });

  it('S49 adds a named authenticator: name, QR code and key, a wrong code refused, the right one accepted', async () => {
    const { fake } = await enrolled();
    const el = await mount(fake);
    const seen = changes(el);
    await click(el, 'Add an authenticator app');
    expect(heading(el)).to.equal('Add an authenticator app');
    expect(root(el).activeElement).to.equal(root(el).querySelector('h2'));
    expect(root(el).querySelector<HTMLInputElement>('input[name="name"]')!.value).to.equal('Authenticator 2');
    await expect(el).to.be.accessible();
    await submitName(el, 'Work phone', 'Continue');
    expect(el.screen.name).to.equal('scan');
    const secret = (el.screen as Extract<TotpManage['screen'], { name: 'scan' }>).enrollment.secret;
    expect(part(el, 'qr')).not.to.equal(null);
    expect(root(el).querySelector('.secret')!.textContent!.replace(/ /g, '')).to.equal(secret);
    await expect(el).to.be.accessible();
    const input = await submitCode(el, fake.codeOf('pending') === '000000' ? '111111' : '000000');
    expect(el.screen.name).to.equal('scan');
    expect(input.error).to.match(/not right/);
    await submitCode(el, fake.codeOf('pending'));
    expect(el.screen.name).to.equal('overview');
    expect(part(el, 'notice')!.textContent).to.equal('“Work phone” was added.');
    expect([...root(el).querySelectorAll('[part="factor"] .item-name')].map((n) => n.textContent)).to.deep.equal([
      'Authenticator',
      'Work phone',
    ]);
    expect(seen.map((e) => e.change)).to.deep.equal(['factor-added']);
    expect(seen[0]!.bubbles && seen[0]!.composed).to.equal(true);
    // The new secret left the page with its screen (S36).
    expect(text(el)).not.to.contain(formatSecret(secret));
    expect(root(el).querySelector('totp-qr')).to.equal(null);
    expect(allAttributeValues().join('\n')).not.to.contain(secret);
    expect(lightDomText()).not.to.contain(secret);
    await expect(el).to.be.accessible();
  });

  it('S49 asks for a current code first when the last one is too old (step-up), then goes on', async () => {
    const { fake, clock } = await enrolled();
    const el = await mount(fake);
    clock.advance(10 * 60_000);
    await click(el, 'Add an authenticator app');
    await submitName(el, 'Tablet', 'Continue');
    expect(el.screen.name).to.equal('step-up');
    expect(heading(el)).to.equal(enManage.stepUpTitle);
    await expect(el).to.be.accessible();
    await submitCode(el, fake.currentCode());
    expect(el.screen.name).to.equal('scan');
    await submitCode(el, fake.codeOf('pending'));
    expect(fake.calls.filter((c) => c === 'verify')).to.have.length(1);
    expect(el.factors!.factors.map((f) => f.name)).to.deep.equal(['Authenticator', 'Tablet']);
  });

  it('S59 renames an authenticator; a name with markup stays text, an empty name is refused', async () => {
    const { fake } = await enrolled();
    const el = await mount(fake);
    const seen = changes(el);
    await click(el, 'Rename');
    expect(heading(el)).to.equal(enManage.renameTitle);
    await submitName(el, '   ', 'Save');
    expect(el.screen.name).to.equal('rename');
    expect(part(el, 'error')!.textContent).to.equal(enManage.nameMissing);
    expect(root(el).querySelector('input[name="name"]')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await submitName(el, SCRIPT, 'Save');
    expect(el.screen.name).to.equal('overview');
    expect(root(el).querySelector('[part="factor"] .item-name')!.textContent).to.equal(SCRIPT);
    expect(root(el).querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(seen.map((e) => e.change)).to.deep.equal(['factor-renamed']);
  });

  it('S50 removes one of two authenticators after a confirmation; never offers to remove the last', async () => {
    const { fake } = await enrolled();
    const el = await mount(fake);
    await addThroughElement(el, fake, 'Old phone');
    const seen = changes(el);
    await click(el, 'Remove', 1);
    expect(heading(el)).to.equal('Remove Old phone?');
    await expect(el).to.be.accessible();
    await click(el, 'Cancel');
    expect(el.factors!.factors).to.have.length(2);
    await click(el, 'Remove', 1);
    await click(el, 'Remove');
    expect(el.screen.name).to.equal('overview');
    expect(part(el, 'notice')!.textContent).to.equal('“Old phone” was removed.');
    expect(el.factors!.factors.map((f) => f.name)).to.deep.equal(['Authenticator']);
    expect(() => button(el, 'Remove')).to.throw();
    expect(seen.map((e) => [e.change, e.id])).to.deep.equal([['factor-removed', 'f2']]);
  });

  it('S50 shows the server refusing to remove the last authenticator', async () => {
    const { fake } = await enrolled();
    const el = await mount(fake);
    await addThroughElement(el, fake, 'Second');
    await click(el, 'Remove', 0);
    fake.failNext('last-factor');
    await click(el, 'Remove');
    expect(el.screen.name).to.equal('remove');
    expect(part(el, 'error')!.textContent).to.equal(enManage.errorLastFactor);
    await expect(el).to.be.accessible();
  });

  it('"I have a new phone" enrolls the new one and removes the old one in one flow', async () => {
    const { fake } = await enrolled();
    const el = await mount(fake);
    const seen = changes(el);
    await click(el, 'I have a new phone');
    expect(heading(el)).to.equal('Replace Authenticator');
    expect(text(el)).to.contain('“Authenticator” is removed once the new one works.');
    await submitName(el, 'New phone', 'Continue');
    await submitCode(el, fake.codeOf('pending'));
    expect(part(el, 'notice')!.textContent).to.equal('“New phone” replaced the old authenticator app.');
    expect(el.factors!.factors.map((f) => f.name)).to.deep.equal(['New phone']);
    expect(seen.map((e) => e.change)).to.deep.equal(['factor-replaced']);
  });

  it('S53 warns at two or fewer recovery codes and shows new ones with the save step, for a fresh code only', async () => {
    const { fake, clock } = await enrolled();
    const codes = [...fake.recoveryCodes];
    for (const code of codes.slice(0, 8)) await fake.newSession().redeemRecoveryCode!(code);
    const el = await mount(fake);
    expect(text(el)).to.contain('2 recovery codes left.');
    expect(part(el, 'warning')!.textContent).to.equal(enManage.codesFew);
    await expect(el).to.be.accessible();
    await click(el, 'Get new recovery codes');
    expect(heading(el)).to.equal(enManage.regenerateTitle);
    await expect(el).to.be.accessible();
    clock.advance(STEP);
    const wrong = fake.currentCode() === '000000' ? '111111' : '000000';
    const input = await submitCode(el, wrong, 'Get new codes');
    expect(input.error).to.match(/not right/);
    await submitCode(el, fake.currentCode(), 'Get new codes');
    expect(el.screen.name).to.equal('codes');
    const shown = root(el).querySelector<TotpRecoveryCodes>('totp-recovery-codes')!;
    expect(shown.codes).to.deep.equal(fake.recoveryCodes);
    expect(shown.codes).to.have.length(10);
    await expect(el).to.be.accessible();
    const checkbox = shown.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    checkbox.click();
    await shown.updateComplete;
    shown.shadowRoot!.querySelector<HTMLButtonElement>('[part~="continue-button"]')!.click();
    await settle(el);
    expect(el.screen.name).to.equal('overview');
    expect(text(el)).to.contain('10 recovery codes left.');
    expect(part(el, 'warning')).to.equal(null);
    // The codes left the page with their screen (S36).
    expect(root(el).querySelector('totp-recovery-codes')).to.equal(null);
  });

  it('S52 S57 lists remembered devices, forgets one, and signs out other devices', async () => {
    const { fake, clock } = await enrolled({ rememberDays: 30 });
    clock.advance(STEP);
    const other = fake.newSession();
    await other.verify(fake.currentCode(), { rememberDevice: true });
    clock.advance(STEP);
    await fake.verify(fake.currentCode(), { rememberDevice: true });
    const el = await mount(fake);
    const devices = root(el).querySelectorAll('[part="devices"] li');
    expect(devices).to.have.length(2);
    expect(devices[1]!.textContent).to.contain(enManage.deviceCurrent);
    expect(text(el)).to.contain('These browsers do not ask for a code for up to 30 days.');
    await expect(el).to.be.accessible();
    const seen = changes(el);
    await click(el, 'Forget', 0);
    expect(root(el).querySelectorAll('[part="devices"] li')).to.have.length(1);
    expect(part(el, 'notice')!.textContent).to.equal(enManage.deviceRevoked);
    await click(el, 'Sign out other devices');
    expect(part(el, 'notice')!.textContent).to.equal(enManage.signOutOthersDone);
    expect(text(el)).to.contain(enManage.devicesNone);
    expect((await other.status()).state).to.equal('challenge-required');
    expect((await fake.status()).state).to.equal('verified');
    expect(seen.map((e) => e.change)).to.deep.equal(['device-revoked', 'signed-out-others']);
    await expect(el).to.be.accessible();
  });

  for (const [lang, catalogue] of [
    ['de', deManage],
    ['fr', frManage],
    ['es', esManage],
  ] as const) {
    it(`speaks ${lang}`, async () => {
      const { fake } = await enrolled();
      const el = await mount(fake, lang);
      for (let i = 0; i < 20 && heading(el) !== catalogue.manageTitle; i++) await nextFrame();
      expect(heading(el)).to.equal(catalogue.manageTitle);
      expect(text(el)).to.contain(catalogue.factorsTitle);
      expect(text(el)).to.contain(catalogue.factorAdd);
      await expect(el).to.be.accessible();
    });
  }

  it('is themeable through --totp-* properties and parts', async () => {
    const { fake } = await enrolled();
    for (const code of fake.recoveryCodes.slice(0, 9)) await fake.newSession().redeemRecoveryCode!(code);
    const el = await mount(fake);
    el.style.setProperty('--totp-color-danger', 'rgb(1, 2, 3)');
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'warning')!).color).to.equal('rgb(1, 2, 3)');
    for (const name of ['base', 'heading', 'factors', 'factor', 'add', 'codes', 'notice']) {
      expect(part(el, name), name).not.to.equal(null);
    }
  });
});
