/**
 * The account page of Acme Portal: `<totp-manage>` with the signed-in person's two-factor
 * settings (authenticator apps, recovery codes, remembered devices). The portal loads this module
 * on the first visit to `#account` only, as a chunk of its own, so the sign-in never downloads
 * the element.
 */
import '@totp-gate/elements/manage';
import { html } from 'lit';
import { AuditChangedEvent } from './audit-panel.js';
import { LightElement } from './light-element.js';

/** `#account`: the page around `<totp-manage>`. Rendered only once the gate is open and verified. */
export class AcmeAccount extends LightElement {
  static override properties = { language: {} };
  declare language: string;

  constructor() {
    super();
    this.language = 'en';
  }

  override render() {
    return html`<div class="account">
      <p><a class="back" href="#">← Back to the portal</a></p>
      <h1 class="welcome">Account security</h1>
      <section class="card" aria-label="Two-factor authentication settings">
        <totp-manage
          endpoint="/api/totp"
          lang=${this.language}
          @totp-account-change=${() => this.dispatchEvent(new AuditChangedEvent())}
        ></totp-manage>
      </section>
    </div>`;
  }
}
customElements.define('acme-account', AcmeAccount);
