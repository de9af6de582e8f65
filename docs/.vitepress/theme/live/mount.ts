/**
 * What each live-example state does: it makes a fake backend in that state and puts the real
 * element on the page. Loaded in the browser only (it registers the custom elements).
 *
 * Past 300 lines: a table, one entry per state of every live example, with the few helpers those
 * entries share.
 */
// <totp-gate> loads the enrollment and recovery-code steps on demand; the examples of those two
// elements load them the same way (a static import here would undo the gate's code splitting).
import '@totp-gate/elements/gate';
import '@totp-gate/elements/challenge';
import '@totp-gate/elements/code-input';
import '@totp-gate/elements/qr';
import { createGate, type Gate } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';

/** What a mounted scenario gives the live example's helper bar. */
export interface Mounted {
  /** The fake, so the helper can show the code an authenticator would show now. */
  backend?: FakeBackend;
  /** Whether "Fill in the right code" makes sense (default true when there is a backend). */
  fillable?: boolean;
  /** Extra buttons, e.g. "Answer now" for a held request. */
  actions?: Array<{ label: string; run: () => void }>;
  /** A line of text for the reader (e.g. recovery codes to try). */
  hint?: string;
  dispose?: () => void;
}

type Mount = (stage: HTMLElement) => Promise<Mounted>;

const ISSUER = 'Acme';
const ACCOUNT = 'alice@example.com';
const DAY = 86_400_000;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  properties: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, properties);
  return el;
}

/** What the gate shows once it opens: stands in for the host's app. */
function protectedApp(): HTMLElement {
  const app = document.createElement('div');
  app.className = 'live-example__app';
  const title = document.createElement('strong');
  title.textContent = 'Protected app';
  app.append(title, document.createTextNode(': the gate is open, so this content is rendered.'));
  return app;
}

/** A code the fake will refuse: not one of the codes inside the accepted window. */
function wrongCode(backend: FakeBackend): string {
  const accepted = new Set([-1, 0, 1].map((d) => backend.currentCode(d)));
  for (let n = 0; ; n += 111_111) {
    const candidate = String((Number(backend.currentCode()) + 500_000 + n) % 1_000_000).padStart(6, '0');
    if (!accepted.has(candidate)) return candidate;
  }
}

/**
 * An account that enrolled a few minutes ago, with its recovery codes, signed in again in a new
 * session. The enrollment runs on a clock set back, so the step it used is not the current one
 * and the right code now is not refused as a replay.
 */
async function enrolledFake(options: FakeBackendOptions = {}): Promise<{ backend: FakeBackend; codes: string[] }> {
  let offset = -5 * 60_000;
  const setup = createFakeBackend({ issuer: ISSUER, account: ACCOUNT, ...options, now: () => Date.now() + offset });
  await setup.startEnrollment();
  const { recoveryCodes } = await setup.confirmEnrollment(setup.currentCode());
  offset = 0;
  return { backend: setup.newSession(), codes: recoveryCodes };
}

async function failTimes(backend: FakeBackend, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await backend.verify(wrongCode(backend)).catch(() => undefined);
  }
}

/** `<totp-challenge>` on a gate over an enrolled fake that has refused `failures` wrong codes. */
async function challengeOn(stage: HTMLElement, failures = 0): Promise<Mounted & { codes: string[] }> {
  const { backend, codes } = await enrolledFake();
  await failTimes(backend, failures);
  const gate = gateFor(backend);
  stage.append(element('totp-challenge', {}, { gate } as never));
  await gate.refresh();
  return { backend, codes, dispose: () => gate.dispose() };
}

function gateElement(stage: HTMLElement, backend: FakeBackend, attributes: Record<string, string> = {}): HTMLElement {
  const gate = element('totp-gate', attributes, { backend });
  gate.append(protectedApp());
  stage.append(gate);
  return gate;
}

function gateFor(backend: FakeBackend): Gate {
  return createGate({ backend });
}

const SCENARIOS: Record<string, Record<string, Mount>> = {
  'totp-gate': {
    async enroll(stage) {
      const backend = createFakeBackend({ issuer: ISSUER, account: ACCOUNT });
      gateElement(stage, backend);
      return { backend };
    },
    async challenge(stage) {
      const { backend, codes } = await enrolledFake();
      gateElement(stage, backend);
      return { backend, hint: `Recovery codes for this account: ${codes.slice(0, 2).join(', ')}` };
    },
    async grace(stage) {
      const backend = createFakeBackend({
        issuer: ISSUER,
        account: ACCOUNT,
        graceEndsAt: new Date(Date.now() + 7 * DAY),
      });
      gateElement(stage, backend);
      return { backend };
    },
    async locked(stage) {
      const { backend } = await enrolledFake();
      await failTimes(backend, 5);
      gateElement(stage, backend);
      return { backend, fillable: false };
    },
    async exempt(stage) {
      const backend = createFakeBackend({
        issuer: ISSUER,
        account: 'root@example.com',
        exemptReason: 'break-glass',
        exemptUntil: new Date(Date.now() + DAY),
      });
      gateElement(stage, backend);
      return {};
    },
    async checking(stage) {
      const { backend } = await enrolledFake();
      backend.hold();
      gateElement(stage, backend);
      return {
        backend,
        actions: [{ label: 'Answer now', run: () => backend.release() }],
        dispose: () => backend.release(),
      };
    },
    async failed(stage) {
      const { backend } = await enrolledFake();
      backend.failNext('network');
      gateElement(stage, backend);
      return { backend };
    },
    async german(stage) {
      const { backend } = await enrolledFake();
      gateElement(stage, backend, { lang: 'de' });
      return { backend };
    },
  },
  'totp-enroll': {
    async enroll(stage) {
      const backend = createFakeBackend({ issuer: ISSUER, account: ACCOUNT });
      const gate = gateFor(backend);
      stage.append(element('totp-enroll', {}, { gate } as never));
      await gate.refresh();
      await gate.startEnrollment();
      return { backend, dispose: () => gate.dispose() };
    },
    async manual(stage) {
      return SCENARIOS['totp-enroll']!['enroll']!(stage);
    },
    async network(stage) {
      const mounted = await SCENARIOS['totp-enroll']!['enroll']!(stage);
      mounted.backend!.failNext('network');
      return mounted;
    },
  },
  'totp-challenge': {
    challenge: (stage) => challengeOn(stage),
    attempts: (stage) => challengeOn(stage, 3),
    async recovery(stage) {
      const { codes, ...mounted } = await challengeOn(stage);
      return { ...mounted, fillable: false, hint: `Recovery codes to try: ${codes.slice(0, 3).join(', ')}` };
    },
    locked: async (stage) => ({ ...(await challengeOn(stage, 5)), fillable: false }),
  },
  'totp-code-input': {
    async empty(stage) {
      stage.append(element('totp-code-input', { name: 'code' }));
      return { backend: (await enrolledFake()).backend };
    },
    async 'auto-submit'(stage) {
      stage.append(element('totp-code-input', { name: 'code', 'auto-submit': '' }));
      return { backend: (await enrolledFake()).backend };
    },
    async eight(stage) {
      stage.append(element('totp-code-input', { name: 'code', digits: '8' }));
      return { backend: (await enrolledFake({ policy: { totp: { digits: 8 } } })).backend };
    },
    async form(stage) {
      const form = document.createElement('form');
      const output = document.createElement('output');
      const submit = document.createElement('button');
      submit.type = 'submit';
      submit.textContent = 'Submit the form';
      form.append(element('totp-code-input', { name: 'code' }), submit, output);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        output.textContent = ` FormData code = "${String(new FormData(form).get('code') ?? '')}"`;
      });
      stage.append(form);
      return { backend: (await enrolledFake()).backend };
    },
    async disabled(stage) {
      stage.append(element('totp-code-input', { name: 'code', disabled: '' }));
      return {};
    },
  },
  'totp-recovery-codes': {
    async codes(stage) {
      const { codes } = await enrolledFake();
      stage.append(element('totp-recovery-codes', {}, { codes } as never));
      return {};
    },
    async few(stage) {
      const { codes } = await enrolledFake({ policy: { recoveryCodes: { count: 3 } } });
      stage.append(element('totp-recovery-codes', {}, { codes } as never));
      return {};
    },
  },
  'totp-manage': {
    overview: (stage) => manageExample(stage),
    async 'few-codes'(stage) {
      return manageExample(stage, { recoveryCodesUsed: 8 });
    },
    german: (stage) => manageExample(stage, { lang: 'de' }),
    async unsupported(stage) {
      const { backend } = await enrolledFake();
      stage.append(element('totp-manage', {}, { backend } as never));
      return { backend, fillable: false };
    },
  },
  'totp-qr': {
    async default(stage) {
      const backend = createFakeBackend({ issuer: ISSUER, account: ACCOUNT });
      const { otpauthUri } = await backend.startEnrollment();
      stage.append(element('totp-qr', {}, { uri: otpauthUri } as never));
      return {};
    },
    async long(stage) {
      const backend = createFakeBackend({
        issuer: 'Acme Corporation Internal Tools',
        account: 'Zoë Åkesson-Müller (東京) & co',
      });
      const { otpauthUri } = await backend.startEnrollment();
      stage.append(element('totp-qr', {}, { uri: otpauthUri } as never));
      return {};
    },
  },
};

const ACCOUNT_CAPABILITIES = {
  factors: true,
  regenerateRecoveryCodes: true,
  rememberDevice: true,
  signOutOthers: true,
};

/**
 * `<totp-manage>` for an account that enrolled ten minutes ago (so adding or removing an app asks
 * for a current code first), with a browser remembered since, and `recoveryCodesUsed` codes spent.
 */
async function manageExample(
  stage: HTMLElement,
  options: { lang?: string; recoveryCodesUsed?: number } = {},
): Promise<Mounted> {
  let offset = -10 * 60_000;
  const backend = createFakeBackend({
    issuer: ISSUER,
    account: ACCOUNT,
    capabilities: ACCOUNT_CAPABILITIES,
    rememberDays: 30,
    now: () => Date.now() + offset,
  });
  await backend.startEnrollment();
  const { recoveryCodes } = await backend.confirmEnrollment(backend.currentCode());
  offset = -9 * 60_000;
  await backend.newSession().verify(backend.currentCode(), { rememberDevice: true });
  for (const code of recoveryCodes.slice(0, options.recoveryCodesUsed ?? 0)) {
    await backend.newSession().redeemRecoveryCode!(code);
  }
  offset = 0;
  stage.append(element('totp-manage', options.lang ? { lang: options.lang } : {}, { backend } as never));
  return {
    backend,
    actions: [{ label: "Type the new app's code", run: () => fillCode(stage, backend.codeOf('pending')) }],
  };
}

/** Puts `tag` on `stage` in the state `id` of the catalog. */
export async function mountScenario(tag: string, id: string, stage: HTMLElement): Promise<Mounted> {
  const mount = SCENARIOS[tag]?.[id];
  if (!mount) throw new Error(`No live example "${id}" for <${tag}>.`);
  if (tag === 'totp-enroll') await import('@totp-gate/elements/enroll');
  if (tag === 'totp-recovery-codes') await import('@totp-gate/elements/recovery-codes');
  if (tag === 'totp-manage') await import('@totp-gate/elements/manage');
  // Fail loudly (the example shows the message) if the package stopped registering the element.
  if (!customElements.get(tag)) throw new Error(`<${tag}> is not defined: @totp-gate/elements did not register it.`);
  return mount(stage);
}

/** Every input in `root`, its descendants and their open shadow roots. */
function* inputs(root: ParentNode): Generator<HTMLInputElement> {
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLInputElement) yield el;
    if (el.shadowRoot) yield* inputs(el.shadowRoot);
  }
}

/** Types `code` into the visible code field inside `stage`, as a user would. */
export function fillCode(stage: HTMLElement, code: string): void {
  const field = [...inputs(stage)].find(
    (input) => input.autocomplete === 'one-time-code' && !input.disabled && input.getClientRects().length > 0,
  );
  if (!field) return;
  field.focus();
  field.value = code;
  field.dispatchEvent(
    new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste', data: code }),
  );
}
