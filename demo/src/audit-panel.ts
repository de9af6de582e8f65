import { html, nothing } from 'lit';
import { api, type AuditEntry } from './api.js';
import { LightElement, formatDateTime } from './light-element.js';

/** Fired by parts of the page after a call the server audits, so the panel can show the new entry. */
export class AuditChangedEvent extends Event {
  constructor() {
    super('acme-audit-changed', { bubbles: true, composed: true });
  }
}

/** Readable names of audit event types; unknown types are shown as they come. */
export const LABELS: Record<string, string> = {
  'password-verified': 'Password accepted',
  'password-failed': 'Wrong password',
  'signed-out': 'Signed out',
  'session-rotated': 'Session id renewed',
  'protected-route-refused': 'Protected API refused',
  'enrollment-started': 'Authenticator setup started',
  'enrollment-confirmed': 'Authenticator set up',
  verified: 'Code accepted',
  failed: 'Code refused',
  'verify-failed': 'Code refused',
  locked: 'Locked out',
  'recovery-code-used': 'Recovery code used',
  'recovery-codes-regenerated': 'Recovery codes replaced',
  deferred: 'Setup postponed',
  'exemption-applied': 'Let in by exemption',
  'admin-reset': 'Reset by an administrator',
  'admin-unlock': 'Unlocked by an administrator',
  'admin-exemption-granted': 'Exempted by an administrator',
  'admin-exemption-changed': 'Exemption changed by an administrator',
  'admin-exemption-revoked': 'Exemption ended by an administrator',
  'admin-factor-imported': 'Authenticator imported by an administrator',
  'admin-policy-override': 'Lock-out guard overridden by an administrator',
};

/** One entry of an audit list: its readable label (or `what`), outcome, time and details. */
export function auditEntry(e: AuditEntry, what = LABELS[e.type] ?? e.type) {
  return html`<li class="audit-entry" data-type=${e.type}>
    <span class="audit-what">${what}</span>
    <span class="audit-outcome outcome-${e.outcome.replace(/[^a-z0-9-]/gi, '')}">${e.outcome}</span>
    <time datetime=${e.at}>${formatDateTime(e.at)}</time>
    ${e.detail ? html`<span class="audit-detail">${e.detail}</span>` : nothing}
  </li>`;
}

/**
 * The signed-in person's own audit trail, newest first: what the server recorded about this
 * account (also printed on the server console). It holds names, times and outcomes, never a secret.
 */
export class AcmeAuditPanel extends LightElement {
  static override properties = { events: { state: true }, failed: { state: true }, scope: { state: true } };
  declare events: AuditEntry[];
  declare scope: 'account' | 'session';
  declare failed: boolean;

  constructor() {
    super();
    this.events = [];
    this.failed = false;
    this.scope = 'session';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the newest entries again. */
  async refresh(): Promise<void> {
    try {
      const answer = await api.audit();
      this.events = answer.events;
      this.scope = answer.scope;
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  override render() {
    return html`
      <section class="card audit" aria-labelledby="audit-title">
        <div class="card-head">
          <h2 id="audit-title">Audit log</h2>
          <button class="secondary small" type="button" @click=${() => this.refresh()}>Refresh</button>
        </div>
        <p class="muted">
          ${
            this.scope === 'account'
              ? 'What the server recorded for your account.'
              : 'What the server recorded for this sign-in; the whole history once the second factor passes.'
          }
          The same lines appear in its console.
        </p>
        ${this.failed ? html`<p class="form-error">The audit log could not be loaded.</p>` : nothing}
        <!-- Scrolls when long: focusable, so keyboard users can scroll it with the arrow keys. -->
        <ol class="audit-list" aria-live="polite" aria-labelledby="audit-title" tabindex="0">
          ${this.events.map((e) => auditEntry(e))}
        </ol>
      </section>
    `;
  }
}
customElements.define('acme-audit-panel', AcmeAuditPanel);
