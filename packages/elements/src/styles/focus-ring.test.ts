/**
 * The focus ring of the default theme measures at least 3:1 against the card behind it, in light
 * and dark (WCAG 2.2 SC 1.4.11 / 2.4.13): the ring's computed color against the computed
 * background, the ratio computed here. Forced colors are measured in the demo's end-to-end test
 * (the test runner's Chromium driver cannot emulate them).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { createFakeBackend } from '@totp-gate/core/testing';
import '../gate/gate.js';
import type { TotpGate } from '../gate/gate.js';
import { deepActiveElement, until } from '../test/gate-fixtures.js';
import { measureFocusRing } from '../test/measure-focus-ring.js';

async function focusByKeyboard(label: string, accept: (el: Element) => boolean): Promise<Element> {
  for (let i = 0; i < 20; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActiveElement();
    if (active && accept(active)) return active;
  }
  throw new Error(`Tab never reached ${label}`);
}

describe('focus ring contrast', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('measures what it claims: no ring is 1:1, an opaque black ring on white is 21:1', async () => {
    const probe = await fixture<HTMLButtonElement>(html`<div style="background: #fff"><button>Probe</button></div>`);
    const button = probe.querySelector('button')!;
    button.style.outline = 'none';
    button.focus();
    expect(measureFocusRing().ratio).to.equal(1);
    button.style.boxShadow = '0 0 0 2px #fff, 0 0 0 4px #000';
    expect(measureFocusRing().ratio).to.be.closeTo(21, 0.01);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`is at least 3:1 against the card on buttons and fields, ${scheme}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const backend = createFakeBackend({ enrolled: true });
      const el = await fixture<TotpGate>(html`<totp-gate lang="en" .backend=${backend}></totp-gate>`);
      await until(() => el.matches(':state(challenge-required)'), 'the challenge');
      // Measured while each control has keyboard focus (:focus-visible).
      for (const [label, accept] of [
        ['the code field', (e: Element) => e.localName === 'input'],
        ['Verify', (e: Element) => e.textContent?.trim() === 'Verify'],
      ] as const) {
        await focusByKeyboard(label, accept);
        const { ring, background, ratio } = measureFocusRing();
        expect(ratio, `${label}: ring ${ring} on ${background}`).to.be.at.least(3);
      }
    });
  }
});
