// @ts-check
/** @typedef {import('@totp-gate/elements').TotpGate} TotpGate */

const gate = /** @type {TotpGate} */ (document.querySelector('totp-gate'));
const status = /** @type {HTMLElement} */ (document.querySelector('#status'));

gate.addEventListener('totp-state-change', (event) => {
  status.textContent = `Two-factor status: ${event.state.status}`;
});

gate.addEventListener('totp-verified', (event) => {
  console.info('Second factor passed with', event.method);
});
