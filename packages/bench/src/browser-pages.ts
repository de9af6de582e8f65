/**
 * The pages `sections/browser.ts` measures, as module sources that esbuild bundles. Each pair is
 * ours and its floor: the same screen drawn by a bare Lit element with nothing else, built and
 * loaded the same way in the same run.
 *
 * The sign-in page has a second floor, its structure (see STRUCTURE_ELEMENTS).
 *
 * Moments are taken by a `MutationObserver` that watches the document and every shadow root in it
 * as it appears, so a moment is the end of the task that made the change, not the next tick of a
 * timer. "Painted" is a task queued from the next `requestAnimationFrame`, which runs once that
 * frame is on screen. Each page stores its figures in `window.__result`.
 */

/**
 * What the status says besides its state and time, the same from the in-page stub and from the
 * page server's `GET /api/totp/status` (sections/browser.ts).
 */
export const STATUS_FIELDS = {
  account: 'alice@example.com',
  issuer: 'Acme',
  graceEndsAt: null,
  lockedUntil: null,
  recoveryCodesLeft: 10,
};

/** Page code both kinds share: the observer and the paint wait. */
const HELPERS = `
// The moment after which test() holds, seen from a MutationObserver on the document and on each
// shadow root as it appears (a mutation observer does not look inside shadow roots by itself). An
// element defined later (a lazy chunk) gets its shadow root without a mutation: its definition
// triggers a look too.
const when = (test) => new Promise((resolve) => {
  const watched = new WeakSet();
  const observer = new MutationObserver(() => { watch(document); check(); });
  const watch = (root) => {
    if (!watched.has(root)) {
      watched.add(root);
      observer.observe(root, { childList: true, subtree: true, attributes: true });
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) watch(el.shadowRoot);
      else if (!customElements.get(el.localName) && el.localName.includes('-')) {
        customElements.whenDefined(el.localName).then(() => { watch(document); check(); });
      }
    }
  };
  let done = false;
  const check = () => {
    if (done || !test()) return;
    done = true;
    const at = performance.now();
    observer.disconnect();
    resolve(at);
  };
  watch(document);
  check();
});
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
// A field a person can type into: in the page, enabled, and laid out.
const usable = (input) => Boolean(input && !input.disabled && input.getBoundingClientRect().width > 0);
const deep = (root, ...selectors) => selectors.reduce((node, s) => node?.shadowRoot?.querySelector(s) ?? node?.querySelector?.(s) ?? null, root);
const SECRET = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b & 31]).join('');
const ENROLLMENT = {
  otpauthUri: 'otpauth://totp/Acme:alice%40example.com?secret=' + SECRET + '&issuer=Acme&algorithm=SHA1&digits=6&period=30',
  secret: SECRET, issuer: 'Acme', account: 'alice@example.com', algorithm: 'SHA1', digits: 6, period: 30,
};
// Answers at once, so the figures are the UI's own cost.
const stub = (state) => ({
  capabilities: { recoveryCodes: true, defer: false },
  async status() {
    return { state, ...${JSON.stringify(STATUS_FIELDS)}, serverTime: new Date().toISOString() };
  },
  async startEnrollment() { return { ...ENROLLMENT, expiresAt: new Date(Date.now() + 600000).toISOString() }; },
  async confirmEnrollment() { throw new Error('not part of the benchmark'); },
  async verify() { throw new Error('not part of the benchmark'); },
  async redeemRecoveryCode() { throw new Error('not part of the benchmark'); },
});
// How long a person looks at the start step before pressing its button (a quick one).
const THINK_MS = ${500};
`;

/** The floors' element: Lit, a shadow root, a few styles, nothing of ours. */
const FLOOR_ELEMENT = `
import { LitElement, css, html, svg } from 'lit';
class BenchFloor extends LitElement {
  static properties = { data: { state: true }, matrix: { state: true } };
  static styles = css\`:host { display: block; font: 16px system-ui; } input { font: inherit; padding: 0.5rem; }
    svg { width: 13rem; height: 13rem; }\`;
  render() {
    if (this.matrix) {
      const side = this.matrix.size;
      return html\`<h2 tabindex="-1">Scan</h2><svg role="img" aria-label="QR code" viewBox="0 0 \${side} \${side}">\${svg\`<rect width=\${side} height=\${side} fill="#fff"></rect><path d=\${this.matrix.path}></path>\`}</svg>\`;
    }
    if (!this.data) return html\`<p role="status">Checking…</p>\`;
    return html\`<h2 tabindex="-1">Enter your code</h2><p>For \${this.data.issuer} (\${this.data.account})</p>
      <form><label for="c">Code</label><input id="c" inputmode="numeric" autocomplete="one-time-code"><button>Verify</button></form>\`;
  }
}
customElements.define('bench-floor', BenchFloor);
`;

/**
 * The structure floor of the sign-in page: three nested bare Lit elements in the places of
 * `<totp-gate>`, `<totp-challenge>` and `<totp-code-input>`, with their markup, their texts and
 * their real style sheets (imported from the elements' sources), going from "checking" to the
 * code step as ours does. Nothing else of TOTP Gate: no core, no zod, no message lookup, no
 * controllers. Ours next to it is the cost of TOTP Gate's own code; it next to the bare floor is
 * the cost of the UI's shape (three shadow roots, their styles, the card's layout).
 */
const STRUCTURE_ELEMENTS = `
import { LitElement, html } from 'lit';
import { baseStyles } from './packages/elements/src/styles/base.ts';
import { gateStyles } from './packages/elements/src/gate/gate.styles.ts';
import { stepStyles } from './packages/elements/src/shared/step.styles.ts';
import { challengeStyles } from './packages/elements/src/challenge/challenge.styles.ts';
import { codeInputStyles } from './packages/elements/src/code-input/code-input.styles.ts';
class StructureInput extends LitElement {
  static styles = [baseStyles, codeInputStyles];
  render() {
    return html\`<div part="base" class="base"><label part="label" for="input">Authentication code</label>
      <p id="hint" part="hint" class="hint">Enter the 6-digit code from your authenticator app.</p>
      <div class="field"><input id="input" part="input" type="text" inputmode="numeric" autocomplete="one-time-code"
        autocapitalize="off" autocorrect="off" spellcheck="false" enterkeyhint="done" translate="no"
        aria-required="true" aria-invalid="false" aria-describedby="hint">
      <div part="progress" class="progress" aria-hidden="true">\${Array.from({ length: 6 }, () => html\`<span class="cell"></span>\`)}</div></div>
      <span class="visually-hidden" aria-live="polite">0 of 6 digits</span><p id="error" part="error" class="error" role="alert"></p></div>\`;
  }
}
customElements.define('structure-input', StructureInput);
class StructureChallenge extends LitElement {
  static styles = [baseStyles, stepStyles, challengeStyles];
  static properties = { data: { attribute: false } };
  render() {
    return html\`<div part="base" class="base"><h2 tabindex="-1" part="heading">Enter your authentication code</h2>
      <p part="intro">Open your authenticator app and enter the code for \${this.data.issuer} (\${this.data.account}).</p>
      <form novalidate><structure-input part="code-input"></structure-input>
      <div class="actions"><button part="verify" type="submit" aria-disabled="false">Verify</button></div></form>
      <button part="switch" class="link" type="button">Use a recovery code</button></div>\`;
  }
}
customElements.define('structure-challenge', StructureChallenge);
class StructureGate extends LitElement {
  static styles = [baseStyles, gateStyles];
  static properties = { data: { state: true } };
  render() {
    const step = this.data
      ? html\`<structure-challenge data-step part="challenge" .data=\${this.data}></structure-challenge>\`
      : html\`<div part="progress" class="checking" role="status"><span class="spinner" aria-hidden="true"></span><span>Checking your sign-in…</span></div>\`;
    return html\`<div part="base" class="gate" aria-busy=\${this.data ? 'false' : 'true'}>
      <div part="header" class="header"><slot name="logo"></slot><slot name="header"></slot></div>
      <div part="step" class="step">\${step}</div>
      <div part="footer" class="footer"><slot name="help"></slot><slot name="sign-out"></slot></div></div>\`;
  }
}
customElements.define('structure-gate', StructureGate);
`;

/**
 * A sign-in floor page: `elements` define `tag`, which is given the stub's status once it answers
 * (or, `overHttp`, the page server's answer to `GET /api/totp/status`); the code field is found
 * through the shadow roots along `path`.
 */
function bareSignIn(elements: string, tag: string, path: string[], overHttp = false): string {
  const status = overHttp
    ? "fetch('/api/totp/status', { credentials: 'same-origin' }).then((r) => r.json())"
    : "stub('challenge-required').status()";
  return `
${elements}
const moduleLoaded = performance.now();
${HELPERS}
const el = document.createElement('${tag}');
document.body.append(el);
${status}.then((status) => { el.data = status; });
const interactive = await when(() => usable(deep(el, ${path.map((p) => `'${p}'`).join(', ')})));
const painted = await afterPaint();
window.__result = { navigationToModule: moduleLoaded, moduleToInteractive: interactive - moduleLoaded, moduleToPaint: painted - moduleLoaded };
`;
}

/** Our sign-in page: `<totp-gate>` from its own entry, connected to its backend by `connect`. */
function gateSignIn(connect: string): string {
  return `
import '@totp-gate/elements/gate';
const moduleLoaded = performance.now();
${HELPERS}
const el = document.createElement('totp-gate');
${connect}
document.body.append(el);
const interactive = await when(() => usable(deep(el, 'totp-challenge', 'totp-code-input', 'input')));
const painted = await afterPaint();
window.__result = { navigationToModule: moduleLoaded, moduleToInteractive: interactive - moduleLoaded, moduleToPaint: painted - moduleLoaded };
`;
}

/** The module source of each page, by name. */
export const PAGES: Record<string, string> = {
  /** Ours: `<totp-gate>` from its own entry, a user who must enter a code. */
  'sign-in': gateSignIn("el.backend = stub('challenge-required');"),
  /**
   * Ours over HTTP, as a page really loads it: `<totp-gate endpoint>`, whose HTTP adapter asks the
   * page's server, which answers `GET /api/totp/status` at once (sections/browser.ts). Between the
   * request and the answer the browser may draw a frame, as it would for any server.
   */
  'sign-in-http': gateSignIn("el.endpoint = '/api/totp';"),
  /** Its floor: the bare Lit element, given the same server's answer through fetch. */
  'sign-in-http-floor': bareSignIn(FLOOR_ELEMENT, 'bench-floor', ['input'], true),
  /** Floor: a bare Lit element that asks the same stub and renders a heading and a field. */
  'sign-in-floor': bareSignIn(FLOOR_ELEMENT, 'bench-floor', ['input']),
  /** Structure floor: the sign-in page's three elements, markup and styles without TOTP Gate's code. */
  'sign-in-structure': bareSignIn(STRUCTURE_ELEMENTS, 'structure-gate', [
    'structure-challenge',
    'structure-input',
    'input',
  ]),
  /**
   * Ours: `<totp-gate>` for a user who must enroll. Once the start step is on screen and a person
   * would press its button, the enrollment starts; the clock runs from the gate holding the
   * enrollment data (state `enrolling`) to the QR code's path in the page, and to its paint.
   */
  enroll: `
import '@totp-gate/elements/gate';
import { createGate } from '@totp-gate/core';
${HELPERS}
const gate = createGate({ backend: stub('enrollment-required') });
const el = document.createElement('totp-gate');
el.gate = gate;
document.body.append(el);
await when(() => Boolean(deep(el, 'totp-enroll', 'button[part=start]')));
await afterPaint();
await new Promise((resolve) => setTimeout(resolve, THINK_MS));
let received;
gate.subscribe((state) => { if (state.status === 'enrolling' && received === undefined) received = performance.now(); });
void gate.startEnrollment();
const inDom = await when(() => Boolean(deep(el, 'totp-enroll', 'totp-qr', 'svg path')?.getAttribute('d')));
const painted = await afterPaint();
window.__result = { dataToDom: inDom - received, dataToPaint: painted - received };
`,
  /** Floor: a bare Lit element that draws the same QR code with the same encoder, loaded and warm. */
  'enroll-floor': `
${FLOOR_ELEMENT}
import { qrMatrix } from QR_MATRIX_FILE;
${HELPERS}
qrMatrix(ENROLLMENT.otpauthUri.replace(SECRET, 'A'.repeat(SECRET.length)));
const el = document.createElement('bench-floor');
document.body.append(el);
await afterPaint();
await new Promise((resolve) => setTimeout(resolve, THINK_MS));
const data = await stub('enrollment-required').startEnrollment();
const received = performance.now();
el.matrix = qrMatrix(data.otpauthUri);
const inDom = await when(() => Boolean(deep(el, 'svg path')?.getAttribute('d')));
const painted = await afterPaint();
window.__result = { dataToDom: inDom - received, dataToPaint: painted - received };
`,
};
