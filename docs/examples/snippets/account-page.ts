// The account settings page: its own entry point, so the sign-in page never downloads it.
import '@totp-gate/elements/manage';
import { createHttpAccountBackend } from '@totp-gate/core/http-account';

const manage = document.querySelector('totp-manage')!;

// `endpoint="/api/totp"` in the HTML does the same; a backend of your own goes here.
manage.backend = createHttpAccountBackend({ baseUrl: '/api/totp', timeoutMs: 10_000 });

// After every change the server confirmed: what changed and which item, never a secret or a code.
const lastChange = document.querySelector<HTMLElement>('#last-change')!;
manage.addEventListener('totp-account-change', (event) => {
  lastChange.textContent = `${event.change} ${event.id ?? ''} at ${new Date().toLocaleTimeString()}`;
});
