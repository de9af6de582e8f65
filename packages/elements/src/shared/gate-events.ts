/**
 * Which events a gate transition means, and who fires them. One function for every element, so
 * `<totp-gate>` and a standalone `<totp-enroll>` or `<totp-challenge>` fire exactly the same
 * events for the same change, each exactly once (transitions happen once; actions may be retried).
 *
 * Inside `<totp-gate>` the gate fires them, not the step it renders. A step asks at each
 * transition: it sends `STEP_EVENT` (cancelable, not bubbling) to the root of the tree it is in,
 * and a gate whose shadow root that is answers by cancelling it (`answerSteps`).
 */
import type { GateState } from '@totp-gate/core';
import { TotpEnrolledEvent, TotpErrorEvent, TotpLockedEvent, TotpVerifiedEvent } from '../events.js';

/** Fires on `target` the events of the move from `previous` to `state` (the state change event excluded). */
export function fireTransitionEvents(target: EventTarget, state: GateState, previous: GateState): void {
  const fire = (event: Event) => target.dispatchEvent(event);
  if (state.status === 'locked' && previous.status !== 'locked') fire(new TotpLockedEvent(state.retryAt));
  if (state.error && state.error !== previous.error) fire(new TotpErrorEvent(state.error));
  if (previous.status === 'enrolling' && (state.status === 'recovery-codes' || state.status === 'verified')) {
    fire(new TotpEnrolledEvent());
  }
  if (state.status === 'verified' && previous.status !== 'verified') {
    if (previous.status === 'enrolling' || previous.status === 'recovery-codes') {
      fire(new TotpVerifiedEvent('enrollment'));
    } else if (previous.status === 'challenge-required') {
      // The state says which way in; a status that found the session verified does not (most likely a code).
      fire(new TotpVerifiedEvent(state.method ?? 'code'));
    }
    // From `checking`: the session was verified before this page loaded; only the state change says so.
  }
}

/** The question a step element asks: is a `<totp-gate>` rendering me? */
const STEP_EVENT = 'totp-step';

/**
 * Whether `step` is rendered by a `<totp-gate>`, which then fires the gate's events itself. The
 * question goes to the tree the step is in (the gate's shadow root, or the page for a step the
 * page placed, even inside the gate's app), so only the element that rendered it answers.
 */
export function isInsideGate(step: Element): boolean {
  return !step.getRootNode().dispatchEvent(new Event(STEP_EVENT, { cancelable: true }));
}

const answer = (event: Event) => event.preventDefault();

/**
 * Makes `root` (a `<totp-gate>`'s shadow root) answer the steps rendered in it: the gate fires
 * their events. Once per root, however often it is called (the listener is one function).
 */
export function answerSteps(root: EventTarget): void {
  root.addEventListener(STEP_EVENT, answer);
}
