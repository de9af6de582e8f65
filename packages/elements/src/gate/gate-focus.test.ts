/**
 * Where focus goes when `<totp-gate>` opens the app: after each step a person can leave the gate
 * by (the recovery codes' "Continue", a recovery-code sign-in, "Later"), focus lands on the app's
 * first heading or the host's `focus-target`, never on the page's body.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createGate, type Gate } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import type { TotpRecoveryCodes } from '../recovery-codes/recovery-codes.js';
import { button, deepActiveElement, expectFocusOn, manualClock, textOf, until } from '../test/gate-fixtures.js';
import { inShadow } from '../test/helpers.js';
import type { TotpEnroll } from '../enroll/enroll.js';
import type { TotpChallenge } from '../challenge/challenge.js';
import './gate.js';
import type { TotpGate } from './gate.js';

/** A gate around a small app whose first heading sits below a paragraph, as apps have. */
async function mount(source: { backend: FakeBackend } | { gate: Gate }, focusTarget?: string): Promise<TotpGate> {
  return fixture<TotpGate>(html`
    <totp-gate
      lang="en"
      .backend=${'backend' in source ? source.backend : undefined}
      .gate=${'gate' in source ? source.gate : undefined}
      focus-target=${focusTarget ?? ''}
    >
      <h2 slot="header">Acme Portal</h2>
      <main id="app">
        <p>Welcome back.</p>
        <h1 id="title">Internal notes</h1>
        <button id="new-note" type="button">New note</button>
      </main>
    </totp-gate>
  `);
}

async function stepOf<T extends HTMLElement>(el: TotpGate, tag: string): Promise<T> {
  await until(() => el.shadowRoot!.querySelector(tag) !== null, tag);
  await customElements.whenDefined(tag);
  const found = el.shadowRoot!.querySelector(tag) as T & { updateComplete: Promise<unknown> };
  await found.updateComplete;
  return found;
}

const title = (el: TotpGate) => el.querySelector<HTMLElement>('#title')!;
const opened = (el: TotpGate) => until(() => el.matches(':state(open)'), 'the gate to open');

/** Focus has reached the app: the heading, focusable only by script, out of the tab order. */
async function expectFocusOnTitle(el: TotpGate): Promise<void> {
  await until(() => deepActiveElement() === title(el), 'focus on the app heading', 2000).catch(() => undefined);
  expectFocusOn(title(el));
  expect(title(el).getAttribute('tabindex')).to.equal('-1');
  expect(textOf(title(el))).to.equal('Internal notes');
  await expect(el).to.be.accessible();
}

/** An enrolled user with recovery codes, signing in from a new session. */
async function enrolledWithRecoveryCodes(options: FakeBackendOptions = {}) {
  const clock = manualClock();
  const first = createFakeBackend({ now: clock.now, ...options });
  const gate = createGate({ backend: first });
  await until(() => gate.getState().status === 'enrollment-required');
  await gate.startEnrollment();
  await gate.confirmEnrollment(first.currentCode());
  gate.dispose();
  return { backend: first.newSession(), codes: first.recoveryCodes };
}

describe('totp-gate focus when the app opens', () => {
  it('after the recovery codes’ Continue, focus goes to the app’s first heading', async () => {
    const backend = createFakeBackend({ now: manualClock().now });
    const el = await mount({ backend });
    const enroll = await stepOf<TotpEnroll>(el, 'totp-enroll');
    button(enroll, 'Set up an authenticator app').click();
    await until(() => enroll.shadowRoot!.querySelector('totp-code-input') !== null, 'the code field');
    await enroll.updateComplete;
    const input = inShadow<HTMLElement & { value: string }>(enroll, 'totp-code-input');
    input.value = backend.currentCode();
    inShadow<HTMLButtonElement>(enroll, '[part="verify"]').click();
    const codes = await stepOf<TotpRecoveryCodes>(el, 'totp-recovery-codes');
    inShadow<HTMLInputElement>(codes, 'input[type="checkbox"]').click();
    await codes.updateComplete;
    const proceed = button(codes, 'Continue');
    proceed.focus();
    proceed.click();
    await opened(el);
    await expectFocusOnTitle(el);
  });

  it('after a recovery-code sign-in, focus goes to the app’s first heading', async () => {
    const { backend, codes } = await enrolledWithRecoveryCodes();
    const el = await mount({ backend });
    const challenge = await stepOf<TotpChallenge>(el, 'totp-challenge');
    button(challenge, 'Use a recovery code').click();
    await challenge.updateComplete;
    const field = inShadow<HTMLInputElement>(challenge, '#recovery');
    field.focus();
    field.value = codes[0]!;
    inShadow<HTMLButtonElement>(challenge, '[part="verify"]').click();
    await opened(el);
    await expectFocusOnTitle(el);
  });

  it('after "Later", focus goes to the app’s first heading, not the banner', async () => {
    const clock = manualClock();
    const backend = createFakeBackend({ now: clock.now, graceEndsAt: new Date(clock.now() + 86_400_000) });
    const el = await mount({ backend });
    const enroll = await stepOf<TotpEnroll>(el, 'totp-enroll');
    const later = button(enroll, 'Later');
    later.focus();
    later.click();
    await opened(el);
    await expectFocusOnTitle(el);
  });

  it('goes to the host’s focus-target instead, and keeps a control in the tab order', async () => {
    const { backend, codes } = await enrolledWithRecoveryCodes();
    const el = await mount({ backend }, '#new-note');
    const challenge = await stepOf<TotpChallenge>(el, 'totp-challenge');
    button(challenge, 'Use a recovery code').click();
    await challenge.updateComplete;
    inShadow<HTMLInputElement>(challenge, '#recovery').value = codes[0]!;
    inShadow<HTMLButtonElement>(challenge, '[part="verify"]').click();
    await opened(el);
    const target = el.querySelector<HTMLButtonElement>('#new-note')!;
    await until(() => deepActiveElement() === target, 'focus on the focus-target', 2000).catch(() => undefined);
    expectFocusOn(target);
    expect(target.tabIndex).to.equal(0);
  });

  it('takes no focus when the page loads with the gate already open', async () => {
    const outside = await fixture<HTMLButtonElement>(html`<button type="button">Elsewhere</button>`);
    outside.focus();
    // A session that was verified before this page loaded.
    const { backend, codes } = await enrolledWithRecoveryCodes();
    const earlier = createGate({ backend });
    await until(() => earlier.getState().status === 'challenge-required');
    await earlier.redeemRecoveryCode(codes[0]!);
    earlier.dispose();
    const el = await mount({ backend });
    await opened(el);
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    expectFocusOn(outside);
    expect(title(el).hasAttribute('tabindex')).to.equal(false);
  });
});
