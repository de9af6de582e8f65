import '@totp-gate/elements/gate';
import { createGate } from '@totp-gate/core';
import { createHttpBackend } from '@totp-gate/core/http';

// One gate, created by you: read its state in your code, share it between elements.
const gate = createGate({ backend: createHttpBackend({ baseUrl: '/api/totp' }) });
gate.subscribe((state) => console.info('gate is now', state.status));

document.querySelector('totp-gate')!.gate = gate;
