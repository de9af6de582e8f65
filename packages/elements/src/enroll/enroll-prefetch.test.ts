// In a page of its own: whether the QR encoder has been requested is only a fact in a fresh page.
import { expect, fixture, html } from '@open-wc/testing';
import { createGate } from '@totp-gate/core';
import { createFakeBackend } from '@totp-gate/core/testing';
import { manualClock, until } from '../test/gate-fixtures.js';
import type { TotpEnroll } from './enroll.js';
import './enroll.js';

const encoderRequested = () =>
  performance.getEntriesByType('resource').some((entry) => /\/qr\/qr-matrix\.(ts|js)\b/.test(entry.name));

describe('totp-enroll start step', () => {
  it('fetches the QR encoder while the start step is read, before any enrollment starts', async () => {
    expect(encoderRequested()).to.equal(false);
    const clock = manualClock();
    const gate = createGate({ backend: createFakeBackend({ now: clock.now }) });
    await until(() => gate.getState().status === 'enrollment-required', 'enrollment-required');
    const el = await fixture<TotpEnroll>(html`<totp-enroll lang="en" .gate=${gate}></totp-enroll>`);
    expect(el.shadowRoot!.querySelector('[part="start"]')).to.not.equal(null);
    await until(encoderRequested, 'the QR encoder requested');
    expect(gate.getState().status).to.equal('enrollment-required');
    expect(el.shadowRoot!.querySelector('totp-qr')).to.equal(null);
  });
});
