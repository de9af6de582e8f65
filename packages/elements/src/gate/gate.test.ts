import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createGate, TotpGateError, type Gate, type GateState, type Status, type TotpBackend } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import type { TotpChallenge } from '../challenge/challenge.js';
import type { TotpCodeInput } from '../code-input/code-input.js';
import type { TotpEnroll } from '../enroll/enroll.js';
import type { TotpQr } from '../qr/qr.js';
import type { TotpRecoveryCodes } from '../recovery-codes/recovery-codes.js';
import type { TotpStateChangeEvent } from '../events.js';
import {
  button,
  deepActiveElement,
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
import { TotpGate } from './gate.js';

interface Mounted {
  el: TotpGate;
  app: HTMLElement;
  backend: FakeBackend;
  clock: ManualClock;
  events: Event[];
}

/** A gate over a fake backend on a clock moved by hand, wrapping a small "app". */
async function mount(options: FakeBackendOptions = {}, settle = true): Promise<Mounted> {
  const clock = manualClock();
  const backend = createFakeBackend({ now: clock.now, ...options });
  const events: Event[] = [];
  const el = await fixture<TotpGate>(html`
    <totp-gate
      lang="en"
      .backend=${backend}
      .clock=${clock}
      @totp-state-change=${(e: Event) => events.push(e)}
      @totp-enrolled=${(e: Event) => events.push(e)}
      @totp-verified=${(e: Event) => events.push(e)}
      @totp-locked=${(e: Event) => events.push(e)}
      @totp-error=${(e: Event) => events.push(e)}
    >
      <span slot="logo">Acme logo</span>
      <span slot="header">Acme Portal</span>
      <p slot="help">Call 555-0100 for help.</p>
      <button slot="sign-out" type="button">Sign out</button>
      <main id="app">Protected reports</main>
    </totp-gate>
  `);
  if (settle) await until(() => stateOf(el).status !== 'checking' && !stateOf(el).busy, 'the first status');
  await el.updateComplete;
  return { el, app: el.querySelector('#app')!, backend, clock, events };
}

/** The gate state as the last totp-state-change event told it (the public way to follow it). */
const lastStates = new WeakMap<TotpGate, GateState>();
function stateOf(el: TotpGate): GateState {
  return lastStates.get(el) ?? { status: 'checking', busy: false };
}
document.addEventListener('totp-state-change', (e) => {
  lastStates.set(e.target as TotpGate, (e as TotpStateChangeEvent).state);
});

/** Whether the protected app is in the rendered (composed) tree at all. */
function appRendered(el: TotpGate, app: HTMLElement): boolean {
  const slot = el.shadowRoot!.querySelector('slot:not([name])');
  return slot !== null && app.assignedSlot === slot && app.getClientRects().length > 0;
}

const of = (events: Event[], type: string) => events.filter((e) => e.type === type);

/** The step element the gate renders, once its module has loaded. */
async function step<T extends HTMLElement & { updateComplete: Promise<unknown> }>(
  el: TotpGate,
  tag: string,
): Promise<T> {
  await until(() => el.shadowRoot!.querySelector(tag) !== null, tag);
  await customElements.whenDefined(tag);
  const found = el.shadowRoot!.querySelector(tag) as T;
  await found.updateComplete;
  return found;
}

function enrolledBackend(clock: ManualClock, options: FakeBackendOptions = {}): FakeBackend {
  return createFakeBackend({ now: clock.now, enrolled: true, ...options });
}

/** A backend whose status answer is whatever a test makes it. */
function statusBackend(status: () => unknown): TotpBackend & { calls: number } {
  const backend = {
    calls: 0,
    capabilities: { recoveryCodes: false, defer: false },
    status: async () => {
      backend.calls++;
      return status() as Status;
    },
    startEnrollment: () => Promise.reject(new TotpGateError('unsupported')),
    confirmEnrollment: () => Promise.reject(new TotpGateError('unsupported')),
    verify: () => Promise.reject(new TotpGateError('unsupported')),
  };
  return backend;
}

const serverTime = () => new Date().toISOString();
const goodStatus = (state: Status['state']): Status => ({
  state,
  account: 'alice@example.com',
  issuer: 'Acme',
  graceEndsAt: null,
  lockedUntil: null,
  recoveryCodesLeft: null,
  serverTime: serverTime(),
});

describe('totp-gate', () => {
  it('shows progress once the first answer takes longer than checking-delay, with aria-busy, and not the app', async () => {
    const clock = manualClock();
    const backend = createFakeBackend({ now: clock.now });
    backend.hold();
    const mounted = performance.now();
    const el = await fixture<TotpGate>(
      html`<totp-gate .backend=${backend}><main id="app">Protected reports</main></totp-gate>`,
    );
    expect(customElements.get('totp-gate')).to.equal(TotpGate);
    await until(() => backend.calls.length === 1, 'the status call');
    // Before the delay: nothing drawn yet, busy, and no app.
    expect(el.shadowRoot!.querySelector('[part="progress"]') === null, 'no progress before the delay').to.equal(true);
    expect(inShadow(el, '[part="base"]').getAttribute('aria-busy')).to.equal('true');
    expect(el.matches(':state(checking)')).to.equal(true);
    expect(appRendered(el, el.querySelector('#app')!)).to.equal(false);
    await until(() => el.shadowRoot!.querySelector('[part="progress"]') !== null, 'the progress message');
    // The default delay is 200 ms (timers may fire a little early or late, never much early).
    expect(performance.now() - mounted).to.be.at.least(190);
    const progress = inShadow(el, '[part="progress"]');
    expect(progress.getAttribute('role')).to.equal('status');
    expect(textOf(progress)).to.equal('Checking your sign-in…');
    expect(inShadow(el, '[part="base"]').getAttribute('aria-busy')).to.equal('true');
    expect(el.matches(':state(checking)')).to.equal(true);
    expect(appRendered(el, el.querySelector('#app')!)).to.equal(false);
    await expect(el).to.be.accessible();
    backend.release();
    await until(() => el.matches(':state(enrollment-required)'), 'enrollment-required');
  });

  it('goes straight to its step when the first answer comes within checking-delay: no progress flashes first', async () => {
    const backend = createFakeBackend({ now: manualClock().now });
    backend.hold();
    const el = document.createElement('totp-gate');
    el.backend = backend;
    const seen: string[] = [];
    // Every render of the shadow root, from its first one on, is looked at.
    const observer = new MutationObserver(() => {
      if (el.shadowRoot!.querySelector('[part="progress"]')) seen.push('progress');
    });
    document.body.append(el);
    try {
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      await until(() => backend.calls.length === 1, 'the status call');
      await new Promise((resolve) => setTimeout(resolve, 50));
      backend.release();
      await until(() => el.matches(':state(enrollment-required)'), 'enrollment-required');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('totp-enroll') !== null, 'the enrollment step').to.equal(true);
      // Past the delay the step stays: the timer went with the checking state.
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(seen.length, 'renders that showed the progress').to.equal(0);
      expect(el.shadowRoot!.querySelector('[part="progress"]') === null, 'no progress').to.equal(true);
    } finally {
      observer.disconnect();
      el.remove();
    }
  });

  it('checking-delay="0" shows the progress at once; a value that is not a number ≥ 0 counts as 200 ms', async () => {
    for (const [delay, atOnce] of [
      ['0', true],
      ['-5', false],
      ['soon', false],
    ] as const) {
      const backend = createFakeBackend({ now: manualClock().now });
      backend.hold();
      const el = await fixture<TotpGate>(html`<totp-gate checking-delay=${delay} .backend=${backend}></totp-gate>`);
      await until(() => backend.calls.length === 1, 'the status call');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="progress"]') !== null, `checking-delay="${delay}"`).to.equal(atOnce);
      backend.release();
      await until(() => el.matches(':state(enrollment-required)'), 'enrollment-required');
    }
  });

  it('S24 does not render the protected app before verification: no default slot in the tree', async () => {
    const { el, app } = await mount({ enrolled: true });
    expect(stateOf(el).status).to.equal('challenge-required');
    expect(found(el.shadowRoot, 'slot:not([name])')).to.equal(null);
    expect(app.assignedSlot === null).to.equal(true);
    expect(app.getClientRects().length).to.equal(0);
    expect(app.checkVisibility()).to.equal(false);
    expect(shadowText(el)).not.to.contain('Protected reports');
  });

  it('moves focus to the heading of the step that appears, and renders the named slots around it', async () => {
    const { el } = await mount({ enrolled: true });
    const challenge = await step<TotpChallenge>(el, 'totp-challenge');
    expectFocusOn(inShadow(challenge, 'h2'));
    for (const name of ['logo', 'header', 'help', 'sign-out']) {
      const slot = inShadow<HTMLSlotElement>(el, `slot[name="${name}"]`);
      expect(slot.assignedElements()).to.have.length(1);
    }
    expect(el.matches(':state(challenge-required)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('opens after a right code: the app renders, totp-verified fires once with method "code"', async () => {
    const { el, app, backend, events } = await mount({ enrolled: true });
    const challenge = await step<TotpChallenge>(el, 'totp-challenge');
    inShadow<TotpCodeInput>(challenge, 'totp-code-input').value = backend.currentCode();
    inShadow<HTMLButtonElement>(challenge, '[part="verify"]').click();
    await until(() => stateOf(el).status === 'verified', 'verified');
    await el.updateComplete;
    expect(appRendered(el, app)).to.equal(true);
    expect(el.matches(':state(verified)')).to.equal(true);
    expect(el.matches(':state(open)')).to.equal(true);
    const verified = of(events, 'totp-verified');
    expect(verified).to.have.length(1);
    expect((verified[0] as Event & { method: string }).method).to.equal('code');
    expect(verified[0]!.bubbles && verified[0]!.composed).to.equal(true);
    // Named slots belong to the gate's screens, not to the app.
    expect(found(el.shadowRoot!, 'slot[name="logo"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('fires totp-state-change for every change, with the state and the one before', async () => {
    const { events } = await mount({ enrolled: true });
    const changes = of(events, 'totp-state-change') as TotpStateChangeEvent[];
    expect(changes.map((e) => [e.previous.status, e.state.status, e.state.busy])).to.deep.equal([
      ['checking', 'checking', true],
      ['checking', 'challenge-required', false],
    ]);
  });

  it('locks after too many wrong codes: totp-locked once, a live countdown, then the code again', async () => {
    const { el, backend, clock, events } = await mount({ enrolled: true });
    const challenge = await step<TotpChallenge>(el, 'totp-challenge');
    const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      inShadow<TotpCodeInput>(challenge, 'totp-code-input').value = wrong;
      inShadow<HTMLButtonElement>(challenge, '[part="verify"]').click();
      await until(() => of(events, 'totp-error').length === i + 1, `failure ${i + 1}`);
      await challenge.updateComplete;
    }
    expect(stateOf(el).status).to.equal('locked');
    expect(el.matches(':state(locked)')).to.equal(true);
    expect(of(events, 'totp-locked')).to.have.length(1);
    expect((of(events, 'totp-error').at(-1) as Event & { error: TotpGateError }).error.code).to.equal('locked');
    await challenge.updateComplete;
    expect(textOf(inShadow(challenge, '[part="countdown"]'))).to.equal('You can try again in 30 seconds.');
    await expect(el).to.be.accessible();
    clock.tick(30_000);
    await until(() => stateOf(el).status === 'challenge-required', 'the code step again');
  });

  it('goes through enrollment and the recovery codes by keyboard alone, then opens the app', async () => {
    const { el, app, backend, events } = await mount();
    const enroll = await step<TotpEnroll>(el, 'totp-enroll');
    expectFocusOn(inShadow(enroll, 'h2'));
    expect(el.matches(':state(enrollment-required)')).to.equal(true);
    await expect(el).to.be.accessible();
    await tabTo((e) => textOf(e) === 'Set up an authenticator app', 'the start button');
    await sendKeys({ press: 'Enter' });
    await until(() => enroll.shadowRoot!.querySelector('[part="secret"]') !== null, 'the key');
    expect(el.matches(':state(enrolling)')).to.equal(true);
    expectFocusOn(inShadow(enroll, 'h2'));
    await inShadow<TotpQr>(enroll, 'totp-qr').updateComplete;
    await expect(el).to.be.accessible();
    await tabTo((e) => e.localName === 'input' && e.getAttribute('autocomplete') === 'one-time-code', 'the code');
    await sendKeys({ type: backend.currentCode() });
    await sendKeys({ press: 'Enter' });
    const codes = await step<TotpRecoveryCodes>(el, 'totp-recovery-codes');
    expect(el.matches(':state(recovery-codes)')).to.equal(true);
    expect(appRendered(el, app)).to.equal(false);
    expect([...codes.codes]).to.deep.equal([...backend.recoveryCodes]);
    await until(() => deepActiveElement() === inShadow(codes, 'h2'), 'focus on the recovery codes heading');
    await expect(el).to.be.accessible();
    expect(of(events, 'totp-enrolled')).to.have.length(1);
    expect(of(events, 'totp-verified')).to.have.length(0);
    await tabTo((e) => e.localName === 'input' && (e as HTMLInputElement).type === 'checkbox', 'the checkbox');
    await sendKeys({ press: 'Space' });
    await tabTo((e) => textOf(e) === 'Continue', 'Continue');
    await sendKeys({ press: 'Enter' });
    await until(() => el.matches(':state(verified)'), 'verified');
    await el.updateComplete;
    expect(appRendered(el, app)).to.equal(true);
    const verified = of(events, 'totp-verified');
    expect(verified).to.have.length(1);
    expect((verified[0] as Event & { method: string }).method).to.equal('enrollment');
    expect(of(events, 'totp-enrolled')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('S34 S35 S36 keeps the key, URI and recovery codes out of storage, the console and the light DOM', async () => {
    const spy = spyConsole();
    try {
      const { el, backend } = await mount();
      const enroll = await step<TotpEnroll>(el, 'totp-enroll');
      button(enroll, 'Set up an authenticator app').click();
      await until(() => enroll.shadowRoot!.querySelector('[part="secret"]') !== null, 'the key');
      const secret = backend.secret!;
      const uri = inShadow<TotpQr>(enroll, 'totp-qr').uri;
      expect(uri).to.contain(secret);
      const input = inShadow<TotpCodeInput>(enroll, 'totp-code-input');
      input.value = backend.currentCode();
      inShadow<HTMLButtonElement>(enroll, '[part="verify"]').click();
      const codes = await step<TotpRecoveryCodes>(el, 'totp-recovery-codes');
      const recovery = [...codes.codes];
      expect(recovery.length).to.be.greaterThan(0);
      const attributes = allAttributeValues().join('\n');
      const stored = await storedText();
      for (const text of [spy.text(), stored, lightDomText(), attributes]) {
        expect(text).not.to.contain(secret);
        expect(text).not.to.contain(uri);
        for (const code of recovery) expect(text).not.to.contain(code);
      }
      expect(location.href).not.to.contain(secret);
    } finally {
      spy.restore();
    }
  });

  it('shows a lock that only an administrator can lift', async () => {
    const backend = statusBackend(() => goodStatus('locked'));
    const el = await fixture<TotpGate>(html`<totp-gate .backend=${backend}></totp-gate>`);
    const challenge = await step<TotpChallenge>(el, 'totp-challenge');
    expect(shadowText(challenge)).to.contain('Contact your administrator');
    await expect(el).to.be.accessible();
  });

  it('during a grace period: "Later" defers, the banner shows above the app, "Set up now" enrolls', async () => {
    const clock = manualClock();
    const { el, app } = await mount({ graceEndsAt: new Date(clock.now() + 7 * 86_400_000) });
    const enroll = await step<TotpEnroll>(el, 'totp-enroll');
    expectFocusOn(inShadow(enroll, 'h2'));
    expect(appRendered(el, app)).to.equal(false);
    button(enroll, 'Later').click();
    await until(() => stateOf(el).status === 'deferred', 'deferred');
    await el.updateComplete;
    expect(appRendered(el, app)).to.equal(true);
    const banner = inShadow(el, '[part="banner"]');
    expect(textOf(banner.querySelector('p'))).to.match(/^Two-factor authentication will be required from Mar 10, 2026/);
    expect(el.matches(':state(deferred)')).to.equal(true);
    await expect(el).to.be.accessible();
    button(el, 'Set up now').click();
    await until(() => stateOf(el).status === 'enrolling', 'enrolling');
    await el.updateComplete;
    expect(appRendered(el, app)).to.equal(false);
    const again = await step<TotpEnroll>(el, 'totp-enroll');
    await until(() => again.shadowRoot!.querySelector('[part="secret"]') !== null, 'the key');
    expectFocusOn(inShadow(again, 'h2'));
  });

  it('shows the exemption notice with its reason and end date above the app', async () => {
    const clock = manualClock();
    const { el, app } = await mount({
      exemptReason: 'Break-glass account',
      exemptUntil: new Date(clock.now() + 86_400_000),
    });
    expect(appRendered(el, app)).to.equal(true);
    expect(textOf(inShadow(el, '[part="notice"]'))).to.equal(
      'You are exempt from two-factor authentication: Break-glass account. This exemption ends on Mar 4, 2026.',
    );
    expect(el.matches(':state(exempt)')).to.equal(true);
    await expect(el).to.be.accessible();
    el.hideExemptNotice = true;
    await el.updateComplete;
    expect(found(el.shadowRoot!, '[part="notice"]')).to.equal(null);
    expect(appRendered(el, app)).to.equal(true);
  });

  it('fails with a message by error code and recovers with "Try again"', async () => {
    const clock = manualClock();
    const backend = enrolledBackend(clock);
    backend.failNext('network');
    const errors: Event[] = [];
    const el = await fixture<TotpGate>(
      html`<totp-gate .backend=${backend} @totp-error=${(e: Event) => errors.push(e)}
        ><main id="app">Protected reports</main></totp-gate
      >`,
    );
    await until(() => el.matches(':state(failed)'), 'failed');
    await el.updateComplete;
    const heading = inShadow(el, 'h2');
    expect(textOf(heading)).to.equal('Something went wrong');
    expectFocusOn(heading);
    const error = inShadow(el, '[part="error"]');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.equal('We could not reach the server. Check your connection and try again.');
    expect(errors).to.have.length(1);
    expect((errors[0] as Event & { error: TotpGateError }).error.code).to.equal('network');
    await expect(el).to.be.accessible();
    inShadow<HTMLButtonElement>(el, '[part="retry"]').click();
    await until(() => el.matches(':state(challenge-required)'), 'the code step');
  });

  it('says "signed out" when the first factor is gone', async () => {
    const backend = statusBackend(() => {
      throw new TotpGateError('unauthenticated');
    });
    const el = await fixture<TotpGate>(html`<totp-gate .backend=${backend}></totp-gate>`);
    await until(() => el.matches(':state(failed)'), 'failed');
    await el.updateComplete;
    expect(textOf(inShadow(el, '[part="error"]'))).to.equal('You are signed out. Sign in again to continue.');
  });

  describe('S40 hostile backend answers end in the failed state with a working retry', () => {
    const hostile: Array<[string, () => unknown]> = [
      ['null', () => null],
      ['a string', () => 'verified'],
      ['a missing field', () => ({ state: 'verified' })],
      ['an unknown state', () => ({ ...goodStatus('verified'), state: 'open' })],
      ['an oversized issuer', () => ({ ...goodStatus('verified'), issuer: 'A'.repeat(1_000_000) })],
      ['a deferral without an end', () => goodStatus('deferred')],
      ['a bad date', () => ({ ...goodStatus('locked'), lockedUntil: 'tomorrow' })],
      [
        'a prototype-polluting object',
        () => JSON.parse('{"__proto__": {"state": "verified"}, "state": "verified"}') as unknown,
      ],
    ];
    for (const [name, answer] of hostile) {
      it(`S40 ${name}`, async () => {
        let fixed = false;
        const backend = statusBackend(() => (fixed ? goodStatus('verified') : answer()));
        const el = await fixture<TotpGate>(
          html`<totp-gate .backend=${backend}><main id="app">Protected reports</main></totp-gate>`,
        );
        await until(() => el.matches(':state(failed)'), 'failed');
        await el.updateComplete;
        expect(textOf(inShadow(el, '[part="error"]'))).to.equal('The server sent an unexpected answer. Try again.');
        expect(found(el.shadowRoot, 'slot:not([name])')).to.equal(null);
        expect(({} as Record<string, unknown>).state).to.equal(undefined);
        fixed = true;
        inShadow<HTMLButtonElement>(el, '[part="retry"]').click();
        await until(() => el.matches(':state(verified)'), 'verified after the retry');
        expect(backend.calls).to.equal(2);
      });
    }

    it('S40 a hostile answer to verify keeps the gate shut, with the error in the field', async () => {
      const clock = manualClock();
      const fake = enrolledBackend(clock);
      const backend: TotpBackend = {
        capabilities: { recoveryCodes: false },
        status: fake.status,
        startEnrollment: fake.startEnrollment,
        confirmEnrollment: fake.confirmEnrollment,
        verify: async () => ({ state: 'open', admin: true }) as never,
      };
      const el = await fixture<TotpGate>(
        html`<totp-gate .backend=${backend}><main id="app">Protected reports</main></totp-gate>`,
      );
      const challenge = await step<TotpChallenge>(el, 'totp-challenge');
      const input = inShadow<TotpCodeInput>(challenge, 'totp-code-input');
      input.value = fake.currentCode();
      inShadow<HTMLButtonElement>(challenge, '[part="verify"]').click();
      await until(() => input.error !== '', 'the error');
      expect(input.error).to.equal('The server sent an unexpected answer. Try again.');
      expect(el.matches(':state(challenge-required)')).to.equal(true);
      expect(found(el.shadowRoot, 'slot:not([name])')).to.equal(null);
    });
  });

  it('creates the HTTP adapter from the endpoint attribute', async () => {
    const original = window.fetch;
    const requested: string[] = [];
    window.fetch = async (input: RequestInfo | URL) => {
      requested.push(String(input));
      return new Response(JSON.stringify(goodStatus('verified')), {
        headers: { 'content-type': 'application/json' },
      });
    };
    try {
      const el = await fixture<TotpGate>(
        html`<totp-gate endpoint="/api/totp"><main id="app">Protected reports</main></totp-gate>`,
      );
      await until(() => el.matches(':state(verified)'), 'verified');
      expect(requested).to.deep.equal(['/api/totp/status']);
      await el.refresh();
      expect(requested).to.deep.equal(['/api/totp/status', '/api/totp/status']);
    } finally {
      window.fetch = original;
    }
  });

  it('leaves the events of a <totp-challenge> the app itself shows to that challenge', async () => {
    // The gate fires the events of the steps it renders; a step the page placed, even inside
    // the open gate's app, stands alone and fires its own.
    const clock = manualClock();
    const backend = enrolledBackend(clock);
    const own: Gate = createGate({ backend });
    const events: Event[] = [];
    const el = await fixture<TotpGate>(html`
      <totp-gate .backend=${statusBackend(() => goodStatus('verified'))} @totp-verified=${(e: Event) => events.push(e)}>
        <main><totp-challenge lang="en" .gate=${own}></totp-challenge></main>
      </totp-gate>
    `);
    await until(() => el.matches(':state(verified)'), 'the open gate');
    const challenge = el.querySelector('totp-challenge')!;
    await until(() => own.getState().status === 'challenge-required', 'the challenge');
    await challenge.updateComplete;
    inShadow<TotpCodeInput>(challenge, 'totp-code-input').value = backend.currentCode();
    inShadow<HTMLButtonElement>(challenge, '[part="verify"]').click();
    await until(() => own.getState().status === 'verified', 'verified');
    expect(events).to.have.length(1);
    expect(events[0]!.target).to.equal(challenge);
    expect((events[0] as Event & { method: string }).method).to.equal('code');
  });

  it('follows a gate it is given, and never disposes it', async () => {
    const clock = manualClock();
    const backend = enrolledBackend(clock);
    const gate: Gate = createGate({ backend });
    const el = await fixture<TotpGate>(html`<totp-gate .gate=${gate}></totp-gate>`);
    await until(() => el.matches(':state(challenge-required)'), 'challenge');
    el.remove();
    const settled = nextSettled(gate);
    void gate.verify(backend.currentCode());
    await settled;
    expect(gate.getState().status).to.equal('verified');
  });

  it('S36 disposes the gate it created when removed: the pending key leaves the page and memory', async () => {
    const { el, backend } = await mount();
    const enroll = await step<TotpEnroll>(el, 'totp-enroll');
    button(enroll, 'Set up an authenticator app').click();
    await until(() => enroll.shadowRoot!.querySelector('[part="secret"]') !== null, 'the key');
    const secret = backend.secret!;
    const held: GateState[] = [];
    el.addEventListener('totp-state-change', (e) => held.push(e.state));
    el.remove();
    expect(shadowText(enroll)).not.to.contain(secret.slice(0, 4) + ' ' + secret.slice(4, 8));
    expect(found(enroll.shadowRoot!, '[part="secret"]')).to.equal(null);
    // A disposed gate ignores everything after; the element shows nothing from the old gate.
    await el.refresh();
    expect(held).to.deep.equal([]);
    // Put back, it starts over from the server (which still holds the same pending key, S25).
    document.body.append(el);
    await until(() => el.matches(':state(enrollment-required)'), 'a fresh status');
    el.remove();
  });

  it('passes its language to the steps and formats dates in it', async () => {
    const { el } = await mount({ enrolled: true });
    el.lang = 'de';
    await el.updateComplete;
    const challenge = await step<TotpChallenge>(el, 'totp-challenge');
    expect(challenge.lang).to.equal('de');
  });

  it('S39 renders script payloads in the exemption reason and messages as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { el } = await mount({ exemptReason: payload, exemptUntil: new Date(Date.UTC(2026, 3, 1, 12)) });
    el.messages = { exemptUntil: `${payload} {date}` };
    await el.updateComplete;
    const notice = textOf(inShadow(el, '[part="notice"]'));
    expect(notice).to.contain(`two-factor authentication: ${payload}.`);
    expect(notice).to.contain(`${payload} Apr 1, 2026`);
    expect(found(el.shadowRoot, 'img, script')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('passes message overrides down to the step elements', async () => {
    const { el } = await mount({ enrolled: true });
    el.messages = { challengeTitle: 'Code, please' };
    await el.updateComplete;
    const challenge = await step<TotpChallenge>(el, 'totp-challenge');
    await challenge.updateComplete;
    expect(textOf(inShadow(challenge, 'h2'))).to.equal('Code, please');
  });
  describe('S43 a session that falls back to challenge-required while the page is open', () => {
    async function openGate() {
      const clock = manualClock();
      let status: Status = goodStatus('verified');
      const backend = statusBackend(() => status);
      const el = await fixture<TotpGate>(html`
        <totp-gate lang="en" .backend=${backend} .clock=${clock}><main id="app">Protected reports</main></totp-gate>
      `);
      await until(() => stateOf(el).status === 'verified', 'verified');
      await el.updateComplete;
      const app = el.querySelector<HTMLElement>('#app')!;
      expect(appRendered(el, app)).to.equal(true);
      const expire = () => {
        status = { ...goodStatus('challenge-required'), reason: 'verification-expired' } as Status;
      };
      const verifyElsewhere = () => {
        status = goodStatus('verified');
      };
      return { el, app, expire, verifyElsewhere };
    }

    it('S43 shuts the app when the host calls refresh() after its API answered totp-required', async () => {
      const { el, app, expire, verifyElsewhere } = await openGate();
      await el.refresh();
      await el.updateComplete;
      expect(appRendered(el, app)).to.equal(true, 'a refresh while still verified keeps the app');
      expire();
      await el.refresh();
      await until(() => stateOf(el).status === 'challenge-required', 'challenge-required');
      await el.updateComplete;
      expect(appRendered(el, app)).to.equal(false);
      await step<TotpChallenge>(el, 'totp-challenge');
      verifyElsewhere();
      await el.refresh();
      await until(() => stateOf(el).status === 'verified', 'verified again');
      await el.updateComplete;
      expect(appRendered(el, app)).to.equal(true, 'the app opens again');
    });
  });
});
