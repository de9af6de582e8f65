/**
 * The Admin page of Acme Portal (`#admin`, for carol and other accounts with the role `admin`):
 * `<totp-admin>` over the portal's admin API, and the latest administrator actions from the audit
 * log with readable labels. The portal loads this module on the first visit to `#admin` only, as a
 * chunk of its own, so neither the sign-in nor other people's pages download the element.
 */
import '@totp-gate/elements/admin';
import { html, nothing } from 'lit';
import { api, type AuditEntry } from './api.js';
import { AuditChangedEvent, LABELS, auditEntry } from './audit-panel.js';
import { LightElement } from './light-element.js';

/** `#admin`: the page around `<totp-admin>`. Rendered only once the gate is open and verified. */
export class AcmeAdmin extends LightElement {
  static override properties = { language: {}, actions: { state: true }, failed: { state: true } };
  declare language: string;
  declare actions: AuditEntry[];
  declare failed: boolean;

  constructor() {
    super();
    this.language = 'en';
    this.actions = [];
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the latest administrator actions again. */
  async refresh(): Promise<void> {
    try {
      this.actions = (await api.adminActions()).events;
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  private changed(): void {
    void this.refresh();
    this.dispatchEvent(new AuditChangedEvent());
  }

  override render() {
    return html`<div class="admin">
      <p><a class="back" href="#">← Back to the portal</a></p>
      <h1 class="welcome">Administration</h1>
      <section class="card" aria-label="Two-factor authentication of all users">
        <totp-admin endpoint="/api/totp-admin" lang=${this.language} @totp-admin-change=${this.changed}></totp-admin>
      </section>
      <section class="card audit" aria-labelledby="admin-actions-title">
        <h2 id="admin-actions-title">Administrator actions</h2>
        <p class="muted">Every reset, unlock and exemption, with who did it and why.</p>
        ${this.failed ? html`<p class="form-error">The administrator actions could not be loaded.</p>` : nothing}
        <ol class="audit-list admin-actions" aria-labelledby="admin-actions-title" tabindex="0">
          ${this.actions.map((e) => auditEntry(e, `${LABELS[e.type] ?? e.type}: ${e.userId}`))}
        </ol>
      </section>
    </div>`;
  }
}
customElements.define('acme-admin', AcmeAdmin);
