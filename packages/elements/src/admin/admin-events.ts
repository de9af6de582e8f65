/** The event `<totp-admin>` fires after each action an administrator confirmed. */

/** What the action did. */
export type AdminChange = 'reset' | 'unlock' | 'exempt' | 'revoke';

/** An action went through (the server confirmed it): which one, and the user it concerned. */
export class TotpAdminChangeEvent extends Event {
  static readonly eventName = 'totp-admin-change';
  constructor(
    readonly change: AdminChange,
    readonly userId: string,
  ) {
    super(TotpAdminChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'totp-admin-change': TotpAdminChangeEvent;
  }
}
