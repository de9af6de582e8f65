import '@totp-gate/elements/gate';

const gate = document.querySelector('totp-gate')!;

gate.addEventListener('totp-state-change', (event) => console.info('gate is now', event.state.status));
gate.addEventListener('totp-verified', (event) => console.info('second factor passed with', event.method));
gate.addEventListener('totp-locked', (event) => console.warn('locked until', event.retryAt ?? 'an admin resets it'));
gate.addEventListener('totp-error', (event) => console.warn('failed:', event.error.code));
