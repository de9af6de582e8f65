/** The event `<totp-manage>` fires after each change it made to the account. */

/** What changed. */
export type AccountChange =
  | 'factor-added'
  | 'factor-replaced'
  | 'factor-renamed'
  | 'factor-removed'
  | 'recovery-codes-regenerated'
  | 'device-revoked'
  | 'signed-out-others';

/** A change to the account went through (the server confirmed it). Never carries a secret or a code. */
export class TotpAccountChangeEvent extends Event {
  static readonly eventName = 'totp-account-change';
  constructor(
    readonly change: AccountChange,
    /** The authenticator or device concerned, when there is one. */
    readonly id: string | null = null,
  ) {
    super(TotpAccountChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'totp-account-change': TotpAccountChangeEvent;
  }
}
