import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createGate, formatSecret, TotpGateError, type Gate, type TotpBackend } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import type { TotpQr } from '../qr/qr.js';
import {
  button,
  expectFocusOn,
  found,
  manualClock,
  nextSettled,
  shadowText,
  tabTo,
  textOf,
  until,
  type ManualClock,
} from '../test/gate-fixtures.js';
import { allAttributeValues, inShadow, lightDomText, spyConsole, storedText } from '../test/helpers.js';
import { clickAndSettle, codeInput, heading, submitCode, verifyButton, wrongCode } from '../test/step-fixtures.js';
import { TotpEnroll } from './enroll.js';

interface Setup {
  el: TotpEnroll;
  gate: Gate;
  backend: FakeBackend;
  clock: ManualClock;
}

async function setup(options: FakeBackendOptions = {}, wrap?: (b: FakeBackend) => TotpBackend): Promise<Setup> {
  const clock = manualClock();
  const backend = createFakeBackend({ now: clock.now, ...options });
  const gate = createGate({ backend: wrap ? wrap(backend) : backend });
  await until(() => gate.getState().status !== 'checking', 'the first status');
  const el = await fixture<TotpEnroll>(html`<totp-enroll lang="en" .gate=${gate}></totp-enroll>`);
  return { el, gate, backend, clock };
}

/** Starts the enrollment with the start button and waits for the QR code step. */
async function start(el: TotpEnroll, gate: Gate) {
  await clickAndSettle(el, gate, inShadow<HTMLButtonElement>(el, '[part="start"]'));
}

/** Replaces navigator.clipboard.writeText for one test, recording what was written. */
function stubClipboard(fail = false) {
  const written: string[] = [];
  const clipboard = navigator.clipboard;
  const original = clipboard.writeText;
  Object.defineProperty(clipboard, 'writeText', {
    configurable: true,
    value: async (text: string) => {
      if (fail) throw new DOMException('Denied', 'NotAllowedError');
      written.push(text);
    },
  });
  return {
    written,
    restore: () => Object.defineProperty(clipboard, 'writeText', { configurable: true, value: original }),
  };
}

describe('totp-enroll', () => {
  it('starts with a heading, an intro and a start button, and passes axe', async () => {
    const { el } = await setup();
    expect(customElements.get('totp-enroll')).to.equal(TotpEnroll);
    expect(textOf(heading(el))).to.equal('Set up two-factor authentication');
    expect(textOf(inShadow(el, '[part="start"]'))).to.equal('Set up an authenticator app');
    expect(found(el.shadowRoot!, '[part="later"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the QR code, the account as the app will show it, and the key in groups of four', async () => {
    const { el, gate, backend } = await setup({ issuer: 'Acme Portal', account: 'alice@example.com' });
    await start(el, gate);
    const state = gate.getState();
    if (state.status !== 'enrolling') throw new Error(`expected enrolling, got ${state.status}`);
    const qr = inShadow<TotpQr>(el, 'totp-qr');
    expect(qr.uri).to.equal(state.enrollment.otpauthUri);
    expect(textOf(inShadow(el, '[part="account"]'))).to.equal('The app will show: Acme Portal (alice@example.com)');
    const secret = inShadow(el, '[part="secret"]');
    expect(textOf(secret)).to.equal(formatSecret(backend.secret!));
    expect(textOf(secret)).to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expectFocusOn(heading(el));
    const field = inShadow<HTMLInputElement>(codeInput(el), 'input');
    expect(textOf(field.labels?.[0])).to.equal('Authentication code');
    await qr.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('S36 never puts the secret or the URI in an attribute or the light DOM', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    const state = gate.getState();
    if (state.status !== 'enrolling') throw new Error('not enrolling');
    await inShadow<TotpQr>(el, 'totp-qr').updateComplete;
    const secret = backend.secret!;
    for (const value of allAttributeValues()) {
      expect(value).not.to.contain(secret);
      expect(value.replace(/\s/g, '')).not.to.contain(secret);
    }
    expect(lightDomText()).not.to.contain(secret);
    expect(lightDomText()).not.to.contain(formatSecret(secret));
    expect(shadowText(el)).to.contain(formatSecret(secret));
  });

  it('S37 copies only the base32 key, only on a click, and says so in a live region', async () => {
    const clipboard = stubClipboard();
    try {
      const { el, gate, backend } = await setup();
      await start(el, gate);
      expect(clipboard.written).to.deep.equal([]);
      const copy = inShadow<HTMLButtonElement>(el, '[part="copy"]');
      expect(textOf(copy)).to.equal('Copy');
      copy.click();
      await until(() => clipboard.written.length === 1, 'the clipboard write');
      await el.updateComplete;
      expect(clipboard.written).to.deep.equal([backend.secret]);
      const status = inShadow(el, '[role="status"]');
      expect(textOf(status)).to.equal('Key copied to the clipboard.');
      await expect(el).to.be.accessible();
    } finally {
      clipboard.restore();
    }
  });

  it('says when the clipboard refuses, so the key can be copied by hand', async () => {
    const clipboard = stubClipboard(true);
    try {
      const { el, gate } = await setup();
      await start(el, gate);
      inShadow<HTMLButtonElement>(el, '[part="copy"]').click();
      await until(() => textOf(el.shadowRoot!.querySelector('[role="status"]')) !== '', 'the status');
      expect(textOf(inShadow(el, '[role="status"]'))).to.equal('Could not copy. Select the key and copy it by hand.');
    } finally {
      clipboard.restore();
    }
  });

  it('has a "Can’t scan?" view with issuer, account and key, and a way back to the QR code', async () => {
    const { el, gate, backend } = await setup({ issuer: 'Acme', account: 'bob@example.com' });
    await start(el, gate);
    button(el, "Can't scan? Enter the key by hand").click();
    await el.updateComplete;
    const h3 = inShadow(el, 'h3');
    expect(textOf(h3)).to.equal('Enter the key by hand');
    expectFocusOn(h3);
    expect(found(el.shadowRoot!, 'totp-qr')).to.equal(null);
    const details = inShadow(el, '[part="details"]');
    const pairs = [...details.querySelectorAll('dt')].map((dt) => [textOf(dt), textOf(dt.nextElementSibling)]);
    expect(pairs).to.deep.equal([
      ['Issuer', 'Acme'],
      ['Account', 'bob@example.com'],
      ['Key', `${formatSecret(backend.secret!)} Copy`],
    ]);
    // Default settings: nothing to warn about.
    expect(found(el.shadowRoot!, '[part="warning"]')).to.equal(null);
    await expect(el).to.be.accessible();
    button(el, 'Scan a QR code instead').click();
    await el.updateComplete;
    expect(found(el.shadowRoot!, 'totp-qr')).not.to.equal(null);
    expectFocusOn(inShadow(el, 'h3'));
  });

  it('names settings other than SHA1 / 6 digits / 30 s and warns that some apps ignore them', async () => {
    const { el, gate } = await setup({ policy: { totp: { algorithm: 'SHA256', digits: 8, period: 60 } } });
    await start(el, gate);
    expect(textOf(inShadow(el, '[part="warning"]'))).to.equal(
      'This setup uses settings that some authenticator apps ignore (the SHA256 algorithm, 8-digit codes, and a 60-second period). If the codes are refused, use an app that supports them.',
    );
    expect(codeInput(el).digits).to.equal(8);
    button(el, "Can't scan? Enter the key by hand").click();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Time-based. Algorithm: SHA256. Digits: 8. Period: 60 seconds.');
    await expect(el).to.be.accessible();
  });

  it('goes from start to confirmed by keyboard alone and fires totp-enrolled once', async () => {
    const { el, gate, backend } = await setup();
    const enrolled: Event[] = [];
    el.addEventListener('totp-enrolled', (e) => enrolled.push(e));
    await tabTo((e) => e === inShadow(el, '[part="start"]'), 'the start button');
    await sendKeys({ press: 'Enter' });
    await until(() => gate.getState().status === 'enrolling', 'enrolling');
    await el.updateComplete;
    expectFocusOn(heading(el));
    const field = inShadow<HTMLInputElement>(codeInput(el), 'input');
    await tabTo((e) => e === field, 'the code field');
    await sendKeys({ type: backend.currentCode() });
    await sendKeys({ press: 'Enter' });
    await until(() => gate.getState().status === 'recovery-codes', 'confirmed');
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Two-factor authentication is set up');
    expectFocusOn(heading(el));
    expect(enrolled).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('submits on the last digit with auto-submit', async () => {
    const clock = manualClock();
    const backend = createFakeBackend({ now: clock.now });
    const gate = createGate({ backend });
    await until(() => gate.getState().status === 'enrollment-required');
    await gate.startEnrollment();
    const el = await fixture<TotpEnroll>(html`<totp-enroll auto-submit .gate=${gate}></totp-enroll>`);
    codeInput(el).focus();
    await sendKeys({ type: backend.currentCode() });
    await until(() => gate.getState().status === 'recovery-codes', 'confirmed without Enter');
  });

  it('says a wrong code is wrong, with the attempts the server counts, in the field’s live error and keeps the same key', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    const secret = backend.secret;
    await submitCode(el, gate, wrongCode(backend));
    const input = codeInput(el);
    expect(input.error).to.equal(
      'That code is not right. Check your authenticator app and try again. 4 attempts left before a lock-out.',
    );
    await submitCode(el, gate, wrongCode(backend));
    expect(input.error).to.contain('3 attempts left before a lock-out.');
    const field = inShadow<HTMLInputElement>(input, 'input');
    expect(field.getAttribute('aria-describedby')).to.contain(inShadow(input, '[part="error"]').id);
    expectFocusOn(field);
    expect(backend.secret).to.equal(secret);
    await expect(el).to.be.accessible();
  });

  it('says when a code was already used', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    backend.failNext('code-reused');
    await submitCode(el, gate, backend.currentCode());
    expect(codeInput(el).error).to.equal('That code was already used. Wait for the next code in your app.');
  });

  it('shows the clock-skew hint the server sends', async () => {
    const { el, gate, backend } = await setup({}, (fake) => ({
      ...fake,
      capabilities: fake.capabilities,
      status: fake.status,
      startEnrollment: fake.startEnrollment,
      verify: fake.verify,
      confirmEnrollment: () =>
        Promise.reject(new TotpGateError('invalid-code', 'Wrong.', { attemptsLeft: 4, skewSeconds: -120 })),
    }));
    await start(el, gate);
    await submitCode(el, gate, backend.currentCode());
    expect(codeInput(el).error).to.contain("Your phone's clock seems about 2 minutes behind");
  });

  it('offers "Start again" when the setup expired, and starting again shows a new key', async () => {
    const { el, gate, backend, clock } = await setup();
    await start(el, gate);
    const first = backend.secret;
    clock.tick(601_000);
    await submitCode(el, gate, backend.currentCode());
    expect(gate.getState().status).to.equal('enrollment-required');
    expect(textOf(heading(el))).to.equal('Set up two-factor authentication');
    expectFocusOn(heading(el));
    expect(textOf(inShadow(el, '[part="error"]'))).to.equal('This setup expired. Start again to get a new QR code.');
    expect(inShadow(el, '[part="error"]').getAttribute('role')).to.equal('alert');
    expect(textOf(inShadow(el, '[part="start"]'))).to.equal('Start again');
    await expect(el).to.be.accessible();
    await start(el, gate);
    expect(gate.getState().status).to.equal('enrolling');
    expect(backend.secret).not.to.equal(first);
    expect(textOf(inShadow(el, '[part="secret"]'))).to.equal(formatSecret(backend.secret!));
  });

  it('S41 keeps the step after a network failure during confirm; retrying needs no rescan', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    const shown = textOf(inShadow(el, '[part="secret"]'));
    const code = backend.currentCode();
    backend.failNext('network');
    await submitCode(el, gate, code);
    expect(gate.getState().status).to.equal('enrolling');
    expect(codeInput(el).error).to.equal('We could not reach the server. Check your connection and try again.');
    expect(textOf(inShadow(el, '[part="secret"]'))).to.equal(shown);
    await submitCode(el, gate, code);
    expect(gate.getState().status).to.equal('recovery-codes');
    expect(backend.calls.filter((c) => c === 'startEnrollment')).to.have.length(1);
    expect(backend.calls.filter((c) => c === 'confirmEnrollment')).to.have.length(2);
  });

  it('sends one confirmation for a double click on Verify', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    backend.hold();
    codeInput(el).value = backend.currentCode();
    verifyButton(el).click();
    verifyButton(el).click();
    await until(() => gate.getState().busy, 'busy');
    await el.updateComplete;
    expect(textOf(verifyButton(el))).to.equal('Verifying…');
    expect(verifyButton(el).getAttribute('aria-disabled')).to.equal('true');
    verifyButton(el).click();
    backend.release();
    await until(() => gate.getState().status === 'recovery-codes', 'confirmed');
    expect(backend.calls.filter((c) => c === 'confirmEnrollment')).to.have.length(1);
  });

  it('S36 drops the key from the shadow root on success', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    const secret = backend.secret!;
    await submitCode(el, gate, backend.currentCode());
    expect(gate.getState().status).to.equal('recovery-codes');
    expect(shadowText(el)).not.to.contain(formatSecret(secret));
    expect(found(el.shadowRoot!, 'totp-qr')).to.equal(null);
  });

  it('S36 drops the key on cancel and goes back to the start', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    const secret = backend.secret!;
    await clickAndSettle(el, gate, button(el, 'Cancel'));
    const state = gate.getState();
    expect(state.status).to.equal('enrollment-required');
    expect(JSON.stringify(state)).not.to.contain(secret);
    expect(shadowText(el)).not.to.contain(formatSecret(secret));
    expectFocusOn(heading(el));
  });

  it('S36 drops the key from the shadow root when removed from the page', async () => {
    const { el, gate, backend } = await setup();
    await start(el, gate);
    const qr = inShadow<TotpQr>(el, 'totp-qr');
    const secret = backend.secret!;
    el.remove();
    expect(shadowText(el)).not.to.contain(formatSecret(secret));
    expect(found(el.shadowRoot!, '[part="secret"], totp-qr')).to.equal(null);
    expect(qr.uri).to.equal('');
  });

  it('S34 S35 keeps the key, URI and recovery codes out of storage and the console', async () => {
    const spy = spyConsole();
    try {
      const { el, gate, backend } = await setup();
      await start(el, gate);
      const state = gate.getState();
      if (state.status !== 'enrolling') throw new Error('not enrolling');
      const { secret, otpauthUri } = state.enrollment;
      await submitCode(el, gate, wrongCode(backend));
      await submitCode(el, gate, backend.currentCode());
      const codes = backend.recoveryCodes;
      expect(codes.length).to.be.greaterThan(0);
      const stored = await storedText();
      const logged = spy.text();
      for (const text of [stored, logged]) {
        expect(text).not.to.contain(secret);
        expect(text).not.to.contain(otpauthUri);
        for (const code of codes) expect(text).not.to.contain(code);
      }
    } finally {
      spy.restore();
    }
  });

  it('S39 renders script payloads in issuer, account and messages as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { el, gate } = await setup({ issuer: `Acme ${payload}`, account: `a${payload}` });
    el.messages = { enrollTitle: payload };
    await start(el, gate);
    expect(textOf(heading(el))).to.equal(payload);
    expect(textOf(inShadow(el, '[part="account"]'))).to.contain(`Acme ${payload}`);
    button(el, "Can't scan? Enter the key by hand").click();
    await el.updateComplete;
    expect(textOf(inShadow(el, '[part="details"] dd'))).to.equal(`Acme ${payload}`);
    expect(found(el.shadowRoot!, 'img, script')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('offers "Later" during a grace period and defers with it', async () => {
    const clock = manualClock();
    const { el, gate } = await setup({ graceEndsAt: new Date(clock.now() + 7 * 86_400_000) });
    expect(textOf(inShadow(el, '[part="start"]'))).to.equal('Set up now');
    expect(textOf(inShadow(el, '[part="later"]'))).to.equal('Later');
    expect(shadowText(el)).to.match(/You can do this later, until .*2026/);
    await expect(el).to.be.accessible();
    const settled = nextSettled(gate);
    inShadow<HTMLButtonElement>(el, '[part="later"]').click();
    await settled;
    expect(gate.getState().status).to.equal('deferred');
  });

  it('asks for the password when the backend needs it, and never keeps it in the field', async () => {
    const passwords: Array<string | undefined> = [];
    const { el, gate } = await setup({}, (fake) => ({
      ...fake,
      capabilities: { enrollmentRequiresPassword: true },
      status: fake.status,
      confirmEnrollment: fake.confirmEnrollment,
      verify: fake.verify,
      startEnrollment: (options) => {
        passwords.push(options?.password);
        return fake.startEnrollment(options);
      },
    }));
    const field = inShadow<HTMLInputElement>(el, '#password');
    expect(field.type).to.equal('password');
    expect(textOf(field.labels?.[0])).to.equal('Password');
    inShadow<HTMLButtonElement>(el, '[part="start"]').click();
    await el.updateComplete;
    expect(textOf(inShadow(el, '[part="error"]'))).to.equal('Enter your password.');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(passwords).to.deep.equal([]);
    await expect(el).to.be.accessible();
    field.value = 'correct horse';
    await start(el, gate);
    expect(passwords).to.deep.equal(['correct horse']);
    expect(gate.getState().status).to.equal('enrolling');
  });
});
