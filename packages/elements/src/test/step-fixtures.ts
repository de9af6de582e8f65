/**
 * What the tests of the two step elements (`<totp-enroll>`, `<totp-challenge>`) share: their code
 * input, verify button and heading, submitting a code, a wrong code, and a user who enrolled in a
 * first session and signs in from a new one.
 */
import { createGate, type Gate } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import type { ReactiveElement } from 'lit';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { nextSettled, until, type ManualClock } from './gate-fixtures.js';
import { inShadow } from './helpers.js';

export const codeInput = (el: Element) => inShadow<TotpCodeInput>(el, 'totp-code-input');
export const verifyButton = (el: Element) => inShadow<HTMLButtonElement>(el, '[part="verify"]');
export const heading = (el: Element) => inShadow<HTMLHeadingElement>(el, 'h2');

/** Clicks `control` of `el` and waits for the gate's answer and the element's render. */
export async function clickAndSettle(el: ReactiveElement, gate: Gate, control: HTMLElement): Promise<void> {
  const settled = nextSettled(gate);
  control.click();
  await settled;
  await el.updateComplete;
}

/** Puts `code` in the step's code input, presses verify, and waits for the gate's answer and the render. */
export async function submitCode(el: ReactiveElement, gate: Gate, code: string): Promise<void> {
  codeInput(el).value = code;
  await clickAndSettle(el, gate, verifyButton(el));
}

/** A code that is not the current one. */
export function wrongCode(backend: FakeBackend): string {
  return backend.currentCode() === '000000' ? '111111' : '000000';
}

/**
 * A user enrolled through a first session (so recovery codes exist), then signing in from a new
 * one: `gate` is at `challenge-required` on `clock`, 30 s after the enrollment.
 */
export async function signInAfterEnrollment(
  clock: ManualClock,
  options: FakeBackendOptions = {},
): Promise<{ enrolling: FakeBackend; backend: FakeBackend; gate: Gate }> {
  const enrolling = createFakeBackend({ now: clock.now, ...options });
  const first = createGate({ backend: enrolling });
  await until(() => first.getState().status === 'enrollment-required', 'enrollment-required');
  await first.startEnrollment();
  await first.confirmEnrollment(enrolling.currentCode());
  first.dispose();
  clock.tick(30_000);
  const backend = enrolling.newSession();
  const gate = createGate({ backend });
  await until(() => gate.getState().status === 'challenge-required', 'challenge-required');
  return { enrolling, backend, gate };
}
