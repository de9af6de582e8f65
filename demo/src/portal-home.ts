import { html, nothing } from 'lit';
import { ApiError, api, type Me, type Note } from './api.js';
import { AuditChangedEvent } from './audit-panel.js';
import { LightElement, formatDate, formatDateTime } from './light-element.js';

/** How the person got past the gate, from the gate's state. */
export type Access = 'verified' | 'exempt' | 'deferred';

interface TotpStatus {
  state?: string;
  recoveryCodesLeft?: number | null;
  graceEndsAt?: string | null;
  exemption?: { reason: string; expiresAt: string | null } | null;
}

interface CodeInput extends HTMLElement {
  value: string;
}

/**
 * The protected portal: internal notes (from the guarded API), the person's two-factor status,
 * and "regenerate recovery codes", which needs a fresh code. Rendered only once the gate is open.
 */
export class AcmeHome extends LightElement {
  static override properties = {
    me: { attribute: false },
    access: {},
    notes: { state: true },
    notesError: { state: true },
    status: { state: true },
    newCodes: { state: true },
    regenError: { state: true },
    regenBusy: { state: true },
    regenDone: { state: true },
  };
  declare me: Me | null;
  declare access: Access;
  declare notes: Note[] | null;
  declare notesError: string;
  declare status: TotpStatus | null;
  declare newCodes: string[] | null;
  declare regenError: string;
  declare regenBusy: boolean;
  declare regenDone: boolean;

  constructor() {
    super();
    this.me = null;
    this.access = 'verified';
    this.notes = null;
    this.notesError = '';
    this.status = null;
    this.newCodes = null;
    this.regenError = '';
    this.regenBusy = false;
    this.regenDone = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.notes = (await api.notes()).notes;
    } catch (error) {
      this.notesError = error instanceof ApiError ? `${error.status}: ${error.message}` : 'Could not load the notes.';
    }
    try {
      this.status = (await api.totpStatus()) as TotpStatus;
    } catch {
      this.status = null;
    }
  }

  private async regenerate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.querySelector<CodeInput>('#regen-code');
    const code = input?.value ?? '';
    this.regenBusy = true;
    this.regenError = '';
    this.regenDone = false;
    try {
      this.newCodes = (await api.regenerateRecoveryCodes(code)).recoveryCodes;
      this.status = (await api.totpStatus()) as TotpStatus;
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'network';
      this.regenError =
        code === 'invalid-code'
          ? 'That code is not right. Enter the current code from your authenticator app.'
          : code === 'code-reused'
            ? 'That code was already used. Wait for the next code in your app.'
            : code === 'locked'
              ? 'Too many attempts. Wait before you try again.'
              : code === 'bad-request'
                ? 'Enter the 6-digit code from your authenticator app.'
                : 'The codes could not be replaced. Try again.';
      input?.focus();
    }
    this.regenBusy = false;
    this.dispatchEvent(new AuditChangedEvent());
  }

  private acknowledged(): void {
    this.newCodes = null;
    this.regenDone = true;
    this.updateComplete.then(() => this.querySelector<HTMLElement>('#regen-done')?.focus());
  }

  private statusRows() {
    const s = this.status;
    const me = this.me;
    if (!me) return nothing;
    if (!me.totpRequired) {
      return html`<dt>Status</dt>
        <dd>
          <span class="pill neutral">Not required</span> Your role (${me.roles.join(', ')}) is not covered by the
          policy.
        </dd>`;
    }
    if (this.access === 'exempt') {
      const ex = s?.exemption;
      return html`<dt>Status</dt>
        <dd><span class="pill warn">Exempt</span> ${ex ? html`Reason: <strong>${ex.reason}</strong>` : nothing}</dd>
        <dt>Exemption ends</dt>
        <dd>${ex?.expiresAt ? formatDate(ex.expiresAt) : 'Never'}</dd>`;
    }
    if (this.access === 'deferred') {
      return html`<dt>Status</dt>
        <dd><span class="pill warn">Not set up yet</span> Postponed during your grace period.</dd>
        <dt>Required from</dt>
        <dd>${s?.graceEndsAt ? formatDateTime(s.graceEndsAt) : '—'}</dd>`;
    }
    return html`<dt>Status</dt>
      <dd><span class="pill ok">On</span> This session passed an authenticator code.</dd>
      <dt>Authenticator</dt>
      <dd>${me.account} in “Acme Portal”</dd>
      <dt>Recovery codes left</dt>
      <dd class="codes-left">${s?.recoveryCodesLeft ?? '—'}</dd>`;
  }

  private regenerateSection() {
    if (this.access !== 'verified' || !this.me?.totpRequired) return nothing;
    if (this.newCodes) {
      return html`<div class="regen">
        <p>Your old recovery codes no longer work. Save these now: they are shown only once.</p>
        <totp-recovery-codes
          .codes=${this.newCodes}
          issuer="Acme Portal"
          account=${this.me.account}
          @totp-recovery-codes-acknowledged=${this.acknowledged}
        ></totp-recovery-codes>
      </div>`;
    }
    return html`<form class="regen" @submit=${this.regenerate} novalidate>
      <h3>Regenerate recovery codes</h3>
      <p class="muted">Replaces all your recovery codes. Confirm with a fresh code from your authenticator app.</p>
      <div class="regen-row">
        <totp-code-input id="regen-code" name="code"></totp-code-input>
        <button class="secondary" type="submit" ?disabled=${this.regenBusy}>Regenerate recovery codes</button>
      </div>
      <p class="form-error" role="alert">${this.regenError || nothing}</p>
      ${
        this.regenDone
          ? html`<p id="regen-done" class="form-ok" tabindex="-1">
              New recovery codes saved. The old ones no longer work.
            </p>`
          : nothing
      }
    </form>`;
  }

  override render() {
    const first = this.me?.displayName.split(' ')[0] ?? '';
    return html`
      <div class="home">
        <h1 class="welcome">Welcome, ${first}</h1>
        ${
          this.me?.roles.includes('admin') && (this.access === 'verified' || this.access === 'exempt')
            ? html`<p class="admin-link"><a href="#admin">Administration</a>: who uses two-factor authentication</p>`
            : nothing
        }
        <section class="card notes-card" aria-labelledby="notes-title">
          <h2 id="notes-title">Internal notes</h2>
          ${this.notesError ? html`<p class="form-error">${this.notesError}</p>` : nothing}
          ${this.notes === null && !this.notesError ? html`<p class="muted">Loading…</p>` : nothing}
          <ul class="notes">
            ${(this.notes ?? []).map(
              (n) =>
                html`<li class="note">
                  <span class="tag">${n.tag}</span>
                  <h3>${n.title}</h3>
                  <p>${n.body}</p>
                  <p class="muted small">${n.author} · ${formatDate(n.updatedAt)}</p>
                </li>`,
            )}
          </ul>
        </section>
        <section class="card status-card" aria-labelledby="status-title">
          <h2 id="status-title">Two-factor authentication</h2>
          <dl class="status">${this.statusRows()}</dl>
          ${
            this.access === 'verified' && this.me?.totpRequired
              ? html`<p><a class="account-link" href="#account">Manage authenticator apps and devices</a></p>`
              : nothing
          }
          ${this.regenerateSection()}
        </section>
      </div>
    `;
  }
}
customElements.define('acme-home', AcmeHome);
