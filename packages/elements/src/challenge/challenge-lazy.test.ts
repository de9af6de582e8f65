// In a page of its own: the recovery-code and lock-out views load on first need, and whether they
// have loaded is only a fact in a fresh page. They must be as accessible while and after they load
// as when they were part of the element: the heading takes focus at once and keeps it, errors are
// announced, the countdown is a timer.
import { expect, fixture, html } from '@open-wc/testing';
import type { Gate } from '@totp-gate/core';
import type { FakeBackend } from '@totp-gate/core/testing';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { expectFocusOn, manualClock, until } from '../test/gate-fixtures.js';
import { inShadow } from '../test/helpers.js';
import { heading, signInAfterEnrollment } from '../test/step-fixtures.js';
import type { TotpChallenge } from './challenge.js';
import './challenge.js';

const viewsRequested = () =>
  performance
    .getEntriesByType('resource')
    .some((entry) => /\/(challenge-views|enrollment-steps)\.(ts|js)\b/.test(entry.name));

/** An enrolled user with recovery codes issued, at the sign-in challenge of a new session (as challenge.test.ts). */
async function signIn(): Promise<{ el: TotpChallenge; gate: Gate; backend: FakeBackend }> {
  const clock = manualClock();
  const { backend, gate } = await signInAfterEnrollment(clock, { capabilities: { recoveryCodes: true } });
  const el = await fixture<TotpChallenge>(
    html`<totp-challenge lang="en" .gate=${gate} .clock=${clock}></totp-challenge>`,
  );
  return { el, gate, backend };
}

describe('totp-challenge views loaded on first need', () => {
  it('a sign-in with an app code does not load them', async () => {
    const { el } = await signIn();
    expect(el.shadowRoot!.querySelector('totp-code-input')).to.not.equal(null);
    expect(viewsRequested()).to.equal(false);
  });

  it('the recovery-code view: its heading has focus at once and keeps it once the form arrives; a wrong code is announced', async () => {
    const { el, gate } = await signIn();
    inShadow<HTMLButtonElement>(el, '[part="switch"]').click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const title = heading(el);
    expect(title.textContent?.trim()).to.equal('Sign in with a recovery code');
    expectFocusOn(title);
    await el.updateComplete;
    expect(viewsRequested()).to.equal(true);
    const input = inShadow<HTMLInputElement>(el, '#recovery');
    expect(heading(el)).to.equal(title);
    expectFocusOn(title);
    await expect(el).to.be.accessible();
    input.value = 'aaaaa-bbbbb';
    inShadow<HTMLButtonElement>(el, '[part="verify"]').click();
    await until(() => gate.getState().error !== undefined, 'the wrong recovery code refused');
    await el.updateComplete;
    const alert = inShadow<HTMLElement>(el, '#recovery-error');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('That recovery code is not right');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
  });

  it('the lock-out view: its heading has focus, the countdown is a timer, and a recovery code is offered', async () => {
    const { el, gate, backend } = await signIn();
    const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
    for (let i = 0; i < 10 && gate.getState().status !== 'locked'; i++) {
      inShadow<TotpCodeInput>(el, 'totp-code-input').value = wrong;
      await gate.verify(wrong);
    }
    expect(gate.getState().status).to.equal('locked');
    await el.updateComplete;
    expectFocusOn(heading(el));
    expect(heading(el).textContent?.trim()).to.equal('Too many attempts');
    expect(inShadow(el, '[part="countdown"]').getAttribute('role')).to.equal('timer');
    expect(inShadow(el, '[part="switch"]').textContent?.trim()).to.equal('Use a recovery code');
    await expect(el).to.be.accessible();
  });
});
