/**
 * The event `<totp-code-input>` fires (exported with the others from events.ts). A module of its
 * own, as each element's events are, so a bundle takes only the event classes of the elements it
 * holds: the classes' static fields make them code a bundler cannot drop once their module is in.
 */

/** `<totp-code-input>` holds a complete code. */
export class TotpCodeCompleteEvent extends Event {
  static readonly eventName = 'totp-code-complete';
  constructor(readonly code: string) {
    super(TotpCodeCompleteEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'totp-code-complete': TotpCodeCompleteEvent;
  }
}
