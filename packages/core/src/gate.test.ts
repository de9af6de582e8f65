import { expect } from '@open-wc/testing';
import { createGate } from './gate.js';
import { createFakeBackend } from './testing/fake.js';

describe('createGate', () => {
  it('walks a new user through enrollment to verified', async () => {
    const backend = createFakeBackend();
    const gate = createGate({ backend });
    await gate.refresh();
    expect(gate.getState().status).to.equal('enrollment-required');
    await gate.startEnrollment();
    expect(gate.getState().status).to.equal('enrolling');
    await gate.confirmEnrollment(backend.currentCode());
    expect(gate.getState().status).to.equal('recovery-codes');
    await gate.acknowledgeRecoveryCodes();
    expect(gate.getState().status).to.equal('verified');
  });
});
