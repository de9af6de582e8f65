/**
 * `@totp-gate/elements`: importing this module registers all six elements (`<totp-gate>`,
 * `<totp-enroll>`, `<totp-challenge>`, `<totp-code-input>`, `<totp-recovery-codes>`, `<totp-qr>`)
 * and exports their classes, events and message types.
 *
 * To register only what a page uses, import the element's own entry point instead
 * (`@totp-gate/elements/gate`, `/code-input`, …); each defines its element once, however often
 * it is imported. The QR encoder and the non-English catalogues load on first use either way.
 *
 * @example
 * ```js
 * import '@totp-gate/elements';
 * // <totp-gate endpoint="/api/totp"> … your app … </totp-gate>
 * ```
 */
export { TotpGate } from './gate/gate.js';
// Everything the elements load on first need, here at once: this entry registers every element.
import './gate/enrollment-steps.js';
export { TotpEnroll } from './enroll/enroll.js';
export { TotpChallenge } from './challenge/challenge.js';
export { TotpCodeInput } from './code-input/code-input.js';
export { TotpRecoveryCodes } from './recovery-codes/recovery-codes.js';
export { TotpQr } from './qr/qr.js';
export * from './events.js';
export { GateController } from './controllers/gate-controller.js';
export { TotpElement } from './totp-element.js';
export { SHIPPED_LOCALES, loadLocale, shippedLocale, type ShippedLocale } from './messages/localize.js';
export type { Message, MessageFn, MessageKey, MessageParams, Messages } from './messages/en.js';
