import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createGate, TotpGateError, type Gate, type PolicyInput, type TotpBackend } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend } from '@totp-gate/core/testing';
import { expectFocusOn, found, manualClock, textOf, until, type ManualClock } from '../test/gate-fixtures.js';
import { inShadow, spyConsole } from '../test/helpers.js';
import {
  clickAndSettle,
  codeInput,
  heading,
  signInAfterEnrollment,
  submitCode,
  verifyButton,
  wrongCode,
} from '../test/step-fixtures.js';
import { normalizeRecoveryCode, TotpChallenge } from './challenge.js';

interface Setup {
  el: TotpChallenge;
  gate: Gate;
  backend: FakeBackend;
  /** The recovery codes issued at enrollment. */
  recoveryCodes: readonly string[];
  clock: ManualClock;
}

/** An enrolled user at the sign-in challenge, with recovery codes issued, on a clock moved by hand. */
async function setup(
  options: { recoveryCodes?: boolean; lang?: string; policy?: PolicyInput; rememberDays?: number } = {},
): Promise<Setup> {
  const clock = manualClock();
  const { enrolling, backend, gate } = await signInAfterEnrollment(clock, {
    ...(options.policy && { policy: options.policy }),
    capabilities: { recoveryCodes: options.recoveryCodes ?? true, rememberDevice: true },
    rememberDays: options.rememberDays ?? null,
  });
  const el = await fixture<TotpChallenge>(
    html`<totp-challenge lang=${options.lang ?? 'en'} .gate=${gate} .clock=${clock}></totp-challenge>`,
  );
  return { el, gate, backend, clock, recoveryCodes: enrolling.recoveryCodes };
}

describe('totp-challenge', () => {
  it('asks for the code with a labelled field, names the issuer and account, and passes axe', async () => {
    const { el } = await setup();
    expect(customElements.get('totp-challenge')).to.equal(TotpChallenge);
    expect(textOf(heading(el))).to.equal('Enter your authentication code');
    expect(textOf(inShadow(el, '[part="intro"]'))).to.contain('Acme (alice@example.com)');
    const field = inShadow<HTMLInputElement>(codeInput(el), 'input');
    expect(textOf(field.labels?.[0])).to.equal('Authentication code');
    expect(textOf(verifyButton(el))).to.equal('Verify');
    await expect(el).to.be.accessible();
  });

  it('verifies a right code and fires totp-verified with method "code" when standalone', async () => {
    const { el, gate, backend } = await setup();
    const events: Event[] = [];
    el.addEventListener('totp-verified', (e) => events.push(e));
    await submitCode(el, gate, backend.currentCode());
    expect(gate.getState().status).to.equal('verified');
    expect(events).to.have.length(1);
    expect((events[0] as Event & { method: string }).method).to.equal('code');
  });

  it('says a wrong code is wrong, how many attempts are left, in the field’s live error, and passes axe', async () => {
    const { el, gate, backend } = await setup();
    const errors: Event[] = [];
    el.addEventListener('totp-error', (e) => errors.push(e));
    await submitCode(el, gate, wrongCode(backend));
    const input = codeInput(el);
    expect(input.error).to.contain('That code is not right');
    expect(input.error).to.contain('4 attempts left before a lock-out.');
    const field = inShadow<HTMLInputElement>(input, 'input');
    const error = inShadow(input, '[part="error"]');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(field.getAttribute('aria-describedby')).to.contain(error.id);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(errors).to.have.length(1);
    expectFocusOn(field);
    await expect(el).to.be.accessible();
  });

  it('says when a code was already used', async () => {
    const { el, gate, backend } = await setup();
    const code = backend.currentCode();
    const other = createGate({ backend: backend.newSession() });
    await until(() => other.getState().status === 'challenge-required');
    await other.verify(code);
    await submitCode(el, gate, code);
    expect(codeInput(el).error).to.equal('That code was already used. Wait for the next code in your app.');
  });

  it('sends one verification for a double click on Verify', async () => {
    const { el, gate, backend } = await setup();
    backend.hold();
    codeInput(el).value = backend.currentCode();
    verifyButton(el).click();
    verifyButton(el).click();
    await until(() => gate.getState().busy, 'busy');
    await el.updateComplete;
    expect(verifyButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(verifyButton(el))).to.equal('Verifying…');
    verifyButton(el).click();
    backend.release();
    await until(() => gate.getState().status === 'verified');
    expect(backend.calls.filter((c) => c === 'verify')).to.have.length(1);
  });

  it('submits by keyboard alone: type the code, press Enter', async () => {
    const { el, gate, backend } = await setup();
    codeInput(el).focus();
    await sendKeys({ type: backend.currentCode() });
    await sendKeys({ press: 'Enter' });
    await until(() => gate.getState().status === 'verified', 'verified');
  });

  it('S58 offers "Don\'t ask again on this device" only when the server does', async () => {
    const { el } = await setup();
    expect(el.shadowRoot!.querySelector('[part="remember"]')).to.equal(null);
  });

  it('S58 remembers this device only when the box is ticked; the box is labelled, unticked, and passes axe', async () => {
    const { el, gate, backend } = await setup({ rememberDays: 30 });
    await until(() => el.shadowRoot!.querySelector('[part="remember"]') !== null, 'the remember box');
    const box = inShadow<HTMLInputElement>(el, '[part="remember"]');
    expect(box.checked).to.equal(false);
    expect(textOf(box.closest('label')!)).to.equal("Don't ask again on this device for 30 days");
    await expect(el).to.be.accessible();
    box.click();
    await submitCode(el, gate, backend.currentCode());
    expect(gate.getState().status).to.equal('verified');
    expect((await backend.listDevices!()).devices).to.have.length(1);
  });

  it('S58 sends no remember request with the box left unticked, and says 1 day in the singular', async () => {
    const { el, gate, backend } = await setup({ rememberDays: 1, lang: 'de' });
    // The German texts load on demand; the box says it in German once they are in.
    const label = () => textOf(el.shadowRoot!.querySelector('[part="remember"]')?.closest('label'));
    await until(() => label() === 'Auf diesem Gerät 1 Tag lang nicht mehr fragen', 'the German remember box');
    await submitCode(el, gate, backend.currentCode());
    expect(gate.getState().status).to.equal('verified');
    expect((await backend.listDevices!()).devices).to.deep.equal([]);
  });

  it('offers recovery codes only when the backend declares them', async () => {
    const without = await setup({ recoveryCodes: false });
    expect(found(without.el.shadowRoot!, '[part="switch"]')).to.equal(null);
    const withCodes = await setup();
    expect(textOf(inShadow(withCodes.el, '[part="switch"]'))).to.equal('Use a recovery code');
  });

  it('does not offer recovery codes when the server says none are left', async () => {
    const backend = createFakeBackend({ enrolled: true });
    const gate = createGate({ backend });
    await until(() => gate.getState().status === 'challenge-required');
    const state = gate.getState();
    expect(state.status === 'challenge-required' && state.recoveryCodesLeft).to.equal(0);
    const el = await fixture<TotpChallenge>(html`<totp-challenge .gate=${gate}></totp-challenge>`);
    expect(found(el.shadowRoot, '[part="switch"]')).to.equal(null);
  });

  it('signs in with a recovery code once and not twice, with or without the dash', async () => {
    const { el, gate, backend, recoveryCodes } = await setup();
    const [code] = recoveryCodes;
    const verified: Event[] = [];
    el.addEventListener('totp-verified', (e) => verified.push(e));
    inShadow<HTMLButtonElement>(el, '[part="switch"]').click();
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Sign in with a recovery code');
    expectFocusOn(heading(el));
    await expect(el).to.be.accessible();
    const field = inShadow<HTMLInputElement>(el, '#recovery');
    expect(textOf(field.labels?.[0])).to.equal('Recovery code');
    field.value = ` ${code!.replace('-', '')} `;
    verifyButton(el).click();
    await until(() => gate.getState().status === 'verified', 'verified by recovery code');
    expect(verified).to.have.length(1);
    expect((verified[0] as Event & { method: string }).method).to.equal('recovery-code');

    // The same code in another session is refused.
    const again = createGate({ backend: backend.newSession() });
    await until(() => again.getState().status === 'challenge-required');
    const second = await fixture<TotpChallenge>(html`<totp-challenge .gate=${again}></totp-challenge>`);
    inShadow<HTMLButtonElement>(second, '[part="switch"]').click();
    await second.updateComplete;
    inShadow<HTMLInputElement>(second, '#recovery').value = code!;
    verifyButton(second).click();
    await until(() => !again.getState().busy && again.getState().error !== undefined, 'refusal');
    await second.updateComplete;
    expect(again.getState().status).to.equal('challenge-required');
    const error = inShadow(second, '#recovery-error');
    expect(textOf(error)).to.contain('That recovery code is not right, or it was already used.');
    expect(inShadow(second, '#recovery').getAttribute('aria-invalid')).to.equal('true');
    expect(inShadow(second, '#recovery').getAttribute('aria-describedby')).to.contain('recovery-error');
    await expect(second).to.be.accessible();
  });

  it('asks for a recovery code when the field is empty, and goes back to the app code', async () => {
    const { el, gate } = await setup();
    inShadow<HTMLButtonElement>(el, '[part="switch"]').click();
    await el.updateComplete;
    await clickAndSettle(el, gate, verifyButton(el));
    expect(textOf(inShadow(el, '#recovery-error'))).to.equal(
      'Enter a recovery code: 10 letters and digits, like xxxxx-xxxxx.',
    );
    inShadow<HTMLButtonElement>(el, '[part="switch"]').click();
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Enter your authentication code');
    expectFocusOn(heading(el));
  });

  it('says what a recovery code looks like when one is mistyped or missing, and counts no attempt', async () => {
    const { el, gate, backend, recoveryCodes } = await setup();
    inShadow<HTMLButtonElement>(el, '[part="switch"]').click();
    await el.updateComplete;
    const field = inShadow<HTMLInputElement>(el, '#recovery');
    field.value = recoveryCodes[0]!.slice(0, -1);
    await clickAndSettle(el, gate, verifyButton(el));
    expect(textOf(inShadow(el, '#recovery-error'))).to.equal(
      'Enter a recovery code: 10 letters and digits, like xxxxx-xxxxx.',
    );
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    // A typo is not a guess: no attempt was counted.
    expect(gate.getState().status === 'challenge-required' && gate.getState()).to.include({ attemptsLeft: 5 });
    await expect(el).to.be.accessible();
    field.value = '';
    await clickAndSettle(el, gate, verifyButton(el));
    expect(textOf(inShadow(el, '#recovery-error'))).to.equal(
      'Enter a recovery code: 10 letters and digits, like xxxxx-xxxxx.',
    );
    expect(backend.calls.filter((c) => c === 'redeemRecoveryCode')).to.have.length(1);
  });

  it('normalizes recovery codes typed with or without the dash', () => {
    expect(normalizeRecoveryCode('abcde-fghij')).to.equal('abcde-fghij');
    expect(normalizeRecoveryCode(' abcdefghij\n')).to.equal('abcde-fghij');
    expect(normalizeRecoveryCode('abcde fghij')).to.equal('abcde-fghij');
    expect(normalizeRecoveryCode('other-format-1234')).to.equal('other-format-1234');
  });

  it('locks after too many wrong codes, counts down live without sleeping, and refreshes once when it ends', async () => {
    const { el, gate, backend, clock } = await setup();
    const locked: Event[] = [];
    el.addEventListener('totp-locked', (e) => locked.push(e));
    for (let i = 0; i < 5; i++) await submitCode(el, gate, wrongCode(backend));
    const state = gate.getState();
    expect(state.status).to.equal('locked');
    expect(locked).to.have.length(1);
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Too many attempts');
    expectFocusOn(heading(el));
    const countdown = inShadow(el, '[part="countdown"]');
    expect(countdown.getAttribute('role')).to.equal('timer');
    expect(textOf(countdown)).to.equal('You can try again in 30 seconds.');
    expect(textOf(el.shadowRoot!.querySelector('.muted'))).to.match(/^The lock ends at .*\d:\d\d:\d\d.*\.$/);
    await expect(el).to.be.accessible();

    clock.tick(12_000);
    await el.updateComplete;
    expect(textOf(inShadow(el, '[part="countdown"]'))).to.equal('You can try again in 18 seconds.');
    const statusCalls = backend.calls.filter((c) => c === 'status').length;
    clock.tick(18_000);
    await until(() => gate.getState().status === 'challenge-required', 'the refresh after the lock');
    expect(backend.calls.filter((c) => c === 'status').length).to.equal(statusCalls + 1);
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Enter your authentication code');
    expect(clock.timers).to.equal(0);
  });

  it('offers a recovery code on a timed lock-out: typed during the countdown, sent once the lock ends', async () => {
    const { el, gate, backend, clock, recoveryCodes } = await setup();
    for (let i = 0; i < 5; i++) await submitCode(el, gate, wrongCode(backend));
    expect(gate.getState().status).to.equal('locked');
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Too many attempts');
    const offer = inShadow<HTMLButtonElement>(el, '[part="switch"]');
    expect(textOf(offer)).to.equal('Use a recovery code');
    await expect(el).to.be.accessible();

    offer.click();
    await el.updateComplete;
    expect(textOf(heading(el))).to.equal('Sign in with a recovery code');
    expectFocusOn(heading(el));
    expect(textOf(inShadow(el, '[part="countdown"]'))).to.equal('You can try again in 30 seconds.');
    expect(verifyButton(el).getAttribute('aria-disabled')).to.equal('true');
    // The lock-out is what brought the person here; it is not shown as an error of the form.
    expect(textOf(inShadow(el, '#recovery-error'))).to.equal('');
    await expect(el).to.be.accessible();

    const field = inShadow<HTMLInputElement>(el, '#recovery');
    field.focus();
    field.value = recoveryCodes[0]!;
    verifyButton(el).click();
    await el.updateComplete;
    expect(backend.calls).not.to.include('redeemRecoveryCode');

    clock.tick(30_000);
    await until(() => gate.getState().status === 'challenge-required', 'the refresh after the lock');
    await el.updateComplete;
    // Same form, same text, focus left where the person was typing.
    expect(textOf(heading(el))).to.equal('Sign in with a recovery code');
    expect(inShadow<HTMLInputElement>(el, '#recovery')).to.equal(field);
    expect(field.value).to.equal(recoveryCodes[0]);
    expectFocusOn(field);
    expect(found(el.shadowRoot!, '[part="countdown"]')).to.equal(null);
    expect(verifyButton(el).getAttribute('aria-disabled')).to.equal('false');
    verifyButton(el).click();
    await until(() => gate.getState().status === 'verified', 'verified by recovery code after the lock');
  });

  it('offers no recovery code when only an administrator can unlock (the server would refuse it)', async () => {
    const { el, gate, backend, recoveryCodes } = await setup({ policy: { lockout: { threshold: 1, hardLimit: 1 } } });
    await submitCode(el, gate, wrongCode(backend));
    expect(gate.getState()).to.include({ status: 'locked', retryAt: null });
    expect(recoveryCodes.length).to.be.greaterThan(0);
    expect(gate.capabilities.recoveryCodes).to.equal(true);
    expect(textOf(heading(el))).to.equal('Too many attempts');
    expect(found(el.shadowRoot!, '[part="switch"]')).to.equal(null);
  });

  it('says when only an administrator can unlock, with no countdown', async () => {
    const backend: TotpBackend = {
      capabilities: { recoveryCodes: false, defer: false },
      status: async () => ({
        state: 'locked',
        account: 'alice@example.com',
        issuer: 'Acme',
        graceEndsAt: null,
        lockedUntil: null,
        recoveryCodesLeft: 3,
        serverTime: new Date().toISOString(),
      }),
      startEnrollment: () => Promise.reject(new TotpGateError('already-enrolled')),
      confirmEnrollment: () => Promise.reject(new TotpGateError('already-enrolled')),
      verify: () => Promise.reject(new TotpGateError('locked')),
    };
    const gate = createGate({ backend });
    await until(() => gate.getState().status === 'locked');
    const el = await fixture<TotpChallenge>(html`<totp-challenge .gate=${gate}></totp-challenge>`);
    expect(textOf(el.shadowRoot!.querySelector('p'))).to.equal(
      'Your account is locked. Contact your administrator to unlock it.',
    );
    expect(found(el.shadowRoot!, '[part="countdown"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('counts down in the reader’s language through Intl', async () => {
    const { el, gate, backend } = await setup({ lang: 'de' });
    for (let i = 0; i < 5; i++) await submitCode(el, gate, wrongCode(backend));
    await until(() => gate.getState().status === 'locked');
    await el.updateComplete;
    expect(textOf(inShadow(el, '[part="countdown"]'))).to.contain('30 Sekunden');
  });

  it('S35 writes no code or recovery code to the console', async () => {
    const spy = spyConsole();
    try {
      const { el, gate, backend, recoveryCodes } = await setup();
      const code = backend.currentCode();
      await submitCode(el, gate, wrongCode(backend));
      await submitCode(el, gate, code);
      const text = spy.text();
      expect(text).not.to.contain(code);
      expect(recoveryCodes.length).to.be.greaterThan(0);
      for (const recovery of recoveryCodes) expect(text).not.to.contain(recovery);
    } finally {
      spy.restore();
    }
  });

  it('S39 renders script payloads in issuer, account and messages as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const backend = createFakeBackend({ enrolled: true, issuer: `Acme ${payload}`, account: `a${payload}` });
    const gate = createGate({ backend });
    await until(() => gate.getState().status === 'challenge-required');
    const el = await fixture<TotpChallenge>(
      html`<totp-challenge .gate=${gate} .messages=${{ verify: payload }}></totp-challenge>`,
    );
    expect(found(el.shadowRoot!, 'img, script')).to.equal(null);
    expect(textOf(inShadow(el, '[part="intro"]'))).to.contain(payload);
    expect(textOf(verifyButton(el))).to.equal(payload);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
