/**
 * The events the elements fire: classes extending `Event`, bubbling and composed so a host
 * can listen on any ancestor, declared on `HTMLElementEventMap` for typed listeners.
 */
import type { GateState, TotpGateError } from '@totp-gate/core';

export { TotpCodeCompleteEvent } from './code-input/code-input-events.js';
export { TotpRecoveryCodesAcknowledgedEvent } from './recovery-codes/recovery-codes-events.js';

const init = { bubbles: true, composed: true } as const;

/** The gate moved to another state. */
export class TotpStateChangeEvent extends Event {
  static readonly eventName = 'totp-state-change';
  constructor(
    readonly state: GateState,
    readonly previous: GateState,
  ) {
    super(TotpStateChangeEvent.eventName, init);
  }
}

/** Enrollment was confirmed: an authenticator is now active for the account. */
export class TotpEnrolledEvent extends Event {
  static readonly eventName = 'totp-enrolled';
  constructor() {
    super(TotpEnrolledEvent.eventName, init);
  }
}

/** The second factor passed for this session (code or recovery code). */
export class TotpVerifiedEvent extends Event {
  static readonly eventName = 'totp-verified';
  constructor(readonly method: 'code' | 'recovery-code' | 'enrollment') {
    super(TotpVerifiedEvent.eventName, init);
  }
}

/** The account is locked after too many failures; `retryAt` is null when only an administrator can unlock. */
export class TotpLockedEvent extends Event {
  static readonly eventName = 'totp-locked';
  constructor(readonly retryAt: Date | null) {
    super(TotpLockedEvent.eventName, init);
  }
}

/** An action failed; `error.code` is one of the stable codes. Never carries a secret or a code. */
export class TotpErrorEvent extends Event {
  static readonly eventName = 'totp-error';
  constructor(readonly error: TotpGateError) {
    super(TotpErrorEvent.eventName, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'totp-state-change': TotpStateChangeEvent;
    'totp-enrolled': TotpEnrolledEvent;
    'totp-verified': TotpVerifiedEvent;
    'totp-locked': TotpLockedEvent;
    'totp-error': TotpErrorEvent;
  }
}
