/** The event `<totp-recovery-codes>` fires (exported with the others from events.ts; see code-input-events.ts for why a module of its own). */

/** `<totp-recovery-codes>`: the user ticked "I have saved these codes" and continued. */
export class TotpRecoveryCodesAcknowledgedEvent extends Event {
  static readonly eventName = 'totp-recovery-codes-acknowledged';
  constructor() {
    super(TotpRecoveryCodesAcknowledgedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'totp-recovery-codes-acknowledged': TotpRecoveryCodesAcknowledgedEvent;
  }
}
