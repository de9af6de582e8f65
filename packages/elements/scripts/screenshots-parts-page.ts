/**
 * The second page behind `screenshots.mjs`: `<totp-code-input>`, `<totp-qr>` and
 * `<totp-recovery-codes>` on their own, in the states a reviewer should see.
 */
import '../src/code-input/code-input.js';
import '../src/qr/qr.js';
import '../src/recovery-codes/recovery-codes.js';
import type { TotpCodeInput } from '../src/code-input/code-input.js';

const stage = document.querySelector<HTMLElement>('#stage')!;
const URI =
  'otpauth://totp/Acme%20Portal:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%20Portal';
const CODES = [
  'k7p2m-9xq4r',
  'b3n8w-t6v1z',
  'h5c9d-2fj7s',
  'q4r6y-8mn3x',
  'z2w5e-7tb9k',
  'm6t3a-4hc8p',
  'r9d2f-5kw7n',
  'x3b8v-6jq2e',
  'p5n9s-3ty6g',
  'c8k4z-7mr5d',
];

function show<K extends keyof HTMLElementTagNameMap>(tag: K, setup: (el: HTMLElementTagNameMap[K]) => void = () => {}) {
  stage.replaceChildren();
  const el = document.createElement(tag);
  setup(el);
  stage.append(el);
  return (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}

async function typed(value: string, extra: (el: TotpCodeInput) => void = () => {}) {
  await show('totp-code-input', (el) => {
    el.value = value;
    el.hint = 'Enter the 6-digit code from your authenticator app.';
    extra(el);
  });
  stage.querySelector('totp-code-input')!.focus();
}

(window as unknown as { scenes: Record<string, () => Promise<unknown>> }).scenes = {
  'code-input-empty': () =>
    show('totp-code-input', (el) => (el.hint = 'Enter the 6-digit code from your authenticator app.')),
  'code-input-typing': () => typed('123'),
  'code-input-complete': () => typed('123456'),
  'code-input-error': () =>
    typed('123456', (el) => (el.error = 'That code is not right. Check your authenticator app and try again.')),
  qr: () => show('totp-qr', (el) => (el.uri = URI)),
  'recovery-codes-list': () =>
    show('totp-recovery-codes', (el) => {
      el.codes = CODES;
      el.issuer = 'Acme Portal';
      el.account = 'alice@example.com';
    }),
};
