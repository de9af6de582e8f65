/**
 * The page behind `screenshots.mjs`: puts `<totp-gate>` (and through it `<totp-enroll>`,
 * `<totp-challenge>` and `<totp-recovery-codes>`) into each step against the in-memory fake
 * backend, on a frozen clock so that countdowns and dates are the same in every run.
 */
import { createGate, TotpGateError, type Gate, type Status, type TotpBackend } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import '../src/gate/gate.js';
import '../src/enroll/enroll.js';
import '../src/recovery-codes/recovery-codes.js';
import type { TotpClock } from '../src/shared/clock.js';
import type { TotpGate } from '../src/gate/gate.js';

const NOW = Date.UTC(2026, 2, 3, 13, 0, 0);
/** Time stands still: the lock-out countdown shows the same number in every screenshot. */
const frozen: TotpClock = { now: () => NOW, setInterval: () => 0, clearInterval: () => undefined };

const stage = document.querySelector<HTMLElement>('#stage')!;

function wait(predicate: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = performance.now() + 5000;
    const poll = () => {
      if (predicate()) resolve();
      else if (performance.now() > end) reject(new Error('timed out'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

function inner(root: Element | ShadowRoot, selector: string): HTMLElement | null {
  const direct = root.querySelector<HTMLElement>(selector);
  if (direct) return direct;
  for (const node of root.querySelectorAll('*')) {
    if (node.shadowRoot) {
      const found = inner(node.shadowRoot, selector);
      if (found) return found;
    }
  }
  return null;
}

async function find(el: Element, selector: string): Promise<HTMLElement> {
  await wait(() => inner(el.shadowRoot!, selector) !== null);
  return inner(el.shadowRoot!, selector)!;
}

/** Renders a gate with a logo, help text, sign-out and a small app, over `backend` or `gate`. */
function mount(source: { backend?: TotpBackend; gate?: Gate }): TotpGate {
  stage.replaceChildren();
  const el = document.createElement('totp-gate');
  el.lang = 'en';
  el.clock = frozen;
  if (source.gate) el.gate = source.gate;
  else el.backend = source.backend;
  const logo = document.createElement('strong');
  logo.slot = 'logo';
  logo.textContent = '▲ Acme Portal';
  const help = document.createElement('span');
  help.slot = 'help';
  help.textContent = 'Trouble signing in? Call 555-0100.';
  const signOut = document.createElement('button');
  signOut.slot = 'sign-out';
  signOut.type = 'button';
  signOut.textContent = 'Sign out';
  const app = document.createElement('main');
  app.className = 'app';
  app.textContent = 'Quarterly reports — the protected app';
  el.append(logo, help, signOut, app);
  stage.append(el);
  return el;
}

function fake(options: FakeBackendOptions = {}): FakeBackend {
  return createFakeBackend({ now: () => NOW, issuer: 'Acme Portal', account: 'alice@example.com', ...options });
}

async function status(el: TotpGate, state: string): Promise<void> {
  await wait(() => el.matches(`:state(${state})`) && !el.matches(':state(busy)'));
}

async function enrolling(options: FakeBackendOptions = {}): Promise<{ el: TotpGate; backend: FakeBackend }> {
  const backend = fake(options);
  const el = mount({ backend });
  await status(el, 'enrollment-required');
  (await find(el, '[part="start"]')).click();
  await status(el, 'enrolling');
  await find(el, 'svg');
  return { el, backend };
}

async function challenge(): Promise<{ el: TotpGate; backend: FakeBackend }> {
  // Enroll in a first session so that recovery codes exist, then sign in from a second one.
  const first = fake();
  await first.startEnrollment();
  await first.confirmEnrollment(first.currentCode());
  const backend = first.newSession();
  const el = mount({ backend });
  await status(el, 'challenge-required');
  return { el, backend };
}

async function submit(el: TotpGate, code: string, done: () => boolean): Promise<void> {
  const input = (await find(el, 'totp-code-input')) as HTMLElement & { value: string };
  input.value = code;
  let started = false;
  const seen = (e: Event) => (started ||= (e as Event & { state: { busy: boolean } }).state.busy);
  el.addEventListener('totp-state-change', seen);
  (await find(el, '[part="verify"]')).click();
  await wait(() => started && !el.matches(':state(busy)') && done());
  el.removeEventListener('totp-state-change', seen);
}

const lockedStatus: Status = {
  state: 'locked',
  account: 'alice@example.com',
  issuer: 'Acme Portal',
  graceEndsAt: null,
  lockedUntil: null,
  recoveryCodesLeft: 8,
  serverTime: new Date(NOW).toISOString(),
};

/** Each step, by the name its screenshot gets. */
export const scenes: Record<string, () => Promise<unknown>> = {
  async checking() {
    const backend = fake();
    backend.hold();
    const el = mount({ backend });
    await wait(() => el.matches(':state(checking)') && backend.calls.length === 1);
  },
  async 'enrollment-required'() {
    const el = mount({ backend: fake() });
    await status(el, 'enrollment-required');
  },
  async 'enrollment-grace'() {
    const el = mount({ backend: fake({ graceEndsAt: new Date(NOW + 14 * 86_400_000) }) });
    await status(el, 'enrollment-required');
  },
  async 'enroll-qr'() {
    await enrolling();
  },
  async 'enroll-manual'() {
    const { el } = await enrolling({ policy: { totp: { algorithm: 'SHA256', digits: 8, period: 60 } } });
    (await find(el, '[part="switch"]')).click();
    await find(el, '[part="details"]');
  },
  async 'enroll-wrong-code'() {
    const { el, backend } = await enrolling();
    const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
    await submit(el, wrong, () => el.matches(':state(error)'));
  },
  async 'enroll-expired'() {
    const backend = fake();
    const el = mount({ backend });
    await status(el, 'enrollment-required');
    (await find(el, '[part="start"]')).click();
    await status(el, 'enrolling');
    backend.failNext('enrollment-expired');
    await submit(el, backend.currentCode(), () => el.matches(':state(enrollment-required)'));
  },
  async 'recovery-codes'() {
    const { el, backend } = await enrolling();
    await submit(el, backend.currentCode(), () => el.matches(':state(recovery-codes)'));
    await find(el, '[part="list"]');
  },
  async challenge() {
    await challenge();
  },
  async 'challenge-wrong-code'() {
    const { el, backend } = await challenge();
    const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
    await submit(el, wrong, () => el.matches(':state(error)'));
  },
  async 'challenge-recovery-code'() {
    const { el } = await challenge();
    (await find(el, '[part="switch"]')).click();
    await find(el, '#recovery');
  },
  async locked() {
    const { el, backend } = await challenge();
    const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await submit(el, wrong, () => el.matches(':state(error)') || el.matches(':state(locked)'));
    }
    await status(el, 'locked');
  },
  async 'locked-admin'() {
    const backend: TotpBackend = {
      capabilities: { recoveryCodes: false, defer: false },
      status: async () => lockedStatus,
      startEnrollment: () => Promise.reject(new TotpGateError('already-enrolled')),
      confirmEnrollment: () => Promise.reject(new TotpGateError('already-enrolled')),
      verify: () => Promise.reject(new TotpGateError('locked')),
    };
    const el = mount({ gate: createGate({ backend }) });
    await status(el, 'locked');
  },
  async deferred() {
    const el = mount({ backend: fake({ graceEndsAt: new Date(NOW + 14 * 86_400_000) }) });
    await status(el, 'enrollment-required');
    (await find(el, '[part="later"]')).click();
    await status(el, 'deferred');
  },
  async exempt() {
    const el = mount({
      backend: fake({ exemptReason: 'shared kiosk account', exemptUntil: new Date(NOW + 30 * 86_400_000) }),
    });
    await status(el, 'exempt');
  },
  async failed() {
    const backend = fake({ enrolled: true });
    backend.failNext('network');
    const el = mount({ backend });
    await status(el, 'failed');
  },
};

declare global {
  interface Window {
    scenes: typeof scenes;
  }
}
window.scenes = scenes;
