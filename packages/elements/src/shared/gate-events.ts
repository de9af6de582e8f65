/**
 * Which events a gate transition means. One function for every element, so `<totp-gate>` and
 * a standalone `<totp-enroll>` or `<totp-challenge>` fire exactly the same events for the
 * same change, each exactly once (transitions happen once; actions may be retried).
 */
import type { Gate, GateState } from '@totp-gate/core';
import { TotpEnrolledEvent, TotpErrorEvent, TotpLockedEvent, TotpVerifiedEvent } from '../events.js';

type Method = 'code' | 'recovery-code';

// Which way the user is signing in right now, per gate; the state alone cannot tell a
// verified code from a verified recovery code.
const methods = new WeakMap<Gate, Method>();

/** Notes how the next `challenge-required → verified` transition of `gate` came about. */
export function noteVerifyMethod(gate: Gate, method: Method): void {
  methods.set(gate, method);
}

/** The events for the move from `previous` to `state` (the state change event excluded). */
export function transitionEvents(gate: Gate | undefined, state: GateState, previous: GateState): Event[] {
  const events: Event[] = [];
  if (state.status === 'locked' && previous.status !== 'locked') events.push(new TotpLockedEvent(state.retryAt));
  if (state.error && state.error !== previous.error) events.push(new TotpErrorEvent(state.error));
  if (previous.status === 'enrolling' && (state.status === 'recovery-codes' || state.status === 'verified')) {
    events.push(new TotpEnrolledEvent());
  }
  if (state.status === 'verified' && previous.status !== 'verified') {
    if (previous.status === 'enrolling' || previous.status === 'recovery-codes') {
      events.push(new TotpVerifiedEvent('enrollment'));
    } else if (previous.status === 'challenge-required') {
      events.push(new TotpVerifiedEvent((gate && methods.get(gate)) ?? 'code'));
    }
    // From `checking`: the session was verified before this page loaded; only the state change says so.
  }
  return events;
}

/** Whether `element` is rendered by a `<totp-gate>`, which then fires the gate's events itself. */
export function isInsideGate(element: Element): boolean {
  const root = element.getRootNode();
  return root instanceof ShadowRoot && root.host.localName === 'totp-gate';
}
