import { html, nothing } from 'lit';
import { api, type Me } from './api.js';
import type { AcmeAuditPanel } from './audit-panel.js';
import { LightElement } from './light-element.js';
import type { Access } from './portal-home.js';
import type { SignedInEvent } from './login-view.js';
import { GATE_WORDS, LANGUAGES, storeLanguage, storedLanguage, type Language } from './language.js';

/** The part of a `totp-state-change` event the portal reads. */
interface GateStateEvent extends Event {
  state: { status: string; error?: { code?: string } };
}

const OPEN = new Set(['verified', 'exempt', 'deferred']);

/** The route of the Admin page (`admin-page.ts`, loaded on the first visit; administrators only). */
const ADMIN_HASH = '#admin';
const onAdminPage = () => location.hash === ADMIN_HASH;

/**
 * The whole portal: the sign-in page, then `<totp-gate>` around the protected home page, with
 * the "browser is not the lock" panel and the audit log beside it.
 */
export class AcmePortal extends LightElement {
  static override properties = {
    me: { state: true },
    phase: { state: true },
    gateStatus: { state: true },
    language: { state: true },
    adminPage: { state: true },
  };
  declare me: Me | null;
  declare phase: 'loading' | 'signed-out' | 'signed-in';
  declare gateStatus: string;
  declare language: Language;
  /** Whether `#admin` is asked for and its module has loaded. */
  declare adminPage: boolean;
  private readonly followAdminHash = () => void this.showAdminPage();

  constructor() {
    super();
    this.me = null;
    this.phase = 'loading';
    this.gateStatus = 'checking';
    this.language = storedLanguage();
    this.adminPage = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.followAdminHash);
    void this.showAdminPage();
    api.me().then(
      (me) => this.signedIn(me),
      () => (this.phase = 'signed-out'),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.followAdminHash);
  }

  /** The Admin page, from the URL's hash; its module is fetched on the first visit. */
  private async showAdminPage(): Promise<void> {
    if (onAdminPage()) await import('./admin-page.js');
    this.adminPage = onAdminPage();
  }

  private signedIn(me: Me): void {
    this.me = me;
    this.gateStatus = 'checking';
    this.phase = 'signed-in';
  }

  private async signOut(): Promise<void> {
    try {
      await api.logout();
    } finally {
      this.me = null;
      this.phase = 'signed-out';
      // The next person starts on the portal's home page.
      if (onAdminPage()) history.replaceState(null, '', location.pathname);
      this.adminPage = false;
    }
  }

  private onGateState(event: Event): void {
    const state = (event as GateStateEvent).state;
    const changed = state.status !== this.gateStatus || state.error !== undefined;
    this.gateStatus = state.status;
    // The session ended on the server (expired, or signed out in another tab): back to sign-in.
    if (state.status === 'failed' && state.error?.code === 'unauthenticated') {
      this.me = null;
      this.phase = 'signed-out';
      return;
    }
    // The audit panel shows what the server just recorded (a step, a refused code).
    if (changed) void this.updateComplete.then(() => this.refreshAudit());
  }

  private refreshAudit(): void {
    void this.querySelector<AcmeAuditPanel>('acme-audit-panel')?.refresh();
  }

  private header() {
    const me = this.me;
    return html`<header class="topbar">
      <a class="brand" href="/" aria-label="Acme Portal home">
        <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="7" />
          <path d="M16 6 26 26H20.5L16 16.5 11.5 26H6Z" />
        </svg>
        <span>Acme Portal</span>
      </a>
      ${
        me
          ? html`<div class="who">
              <label class="language">
                <span>Language</span>
                <select @change=${(e: Event) => (this.language = storeLanguage((e.target as HTMLSelectElement).value))}>
                  ${LANGUAGES.map(
                    (l) =>
                      html`<option value=${l.code} lang=${l.code} ?selected=${l.code === this.language}>
                        ${l.name}
                      </option>`,
                  )}
                </select>
              </label>
              <span class="who-name">${me.displayName} <span class="muted">· ${me.roles.join(', ')}</span></span>
              <button class="secondary small" type="button" @click=${this.signOut}>Sign out</button>
            </div>`
          : nothing
      }
    </header>`;
  }

  private main() {
    if (this.phase === 'loading') return html`<p class="muted loading">Loading…</p>`;
    if (this.phase === 'signed-out' || !this.me) {
      return html`<acme-login @acme-signed-in=${(e: SignedInEvent) => this.signedIn(e.me)}></acme-login>`;
    }
    const open = OPEN.has(this.gateStatus);
    const words = GATE_WORDS[this.language];
    return html`<div class="signed-in" @acme-audit-changed=${this.refreshAudit}>
      <div class="primary">
        ${open ? nothing : html`<h1 class="gate-title" lang=${this.language}>${words.title}</h1>`}
        <totp-gate
          class="gate ${open ? 'is-open' : 'is-shut'}"
          endpoint="/api/totp"
          lang=${this.language}
          ?hide-exempt-notice=${!this.me.totpRequired}
          @totp-state-change=${this.onGateState}
        >
          <span slot="help" class="gate-help">${words.help}</span>
          ${
            !open
              ? nothing
              : this.adminPage && this.me.roles.includes('admin') && this.gateStatus !== 'deferred'
                ? html`<acme-admin language=${this.language}></acme-admin>`
                : html`<acme-home lang="en" .me=${this.me} access=${this.gateStatus as Access}></acme-home>`
          }
        </totp-gate>
      </div>
      <aside class="side" aria-label="How this demo works">
        <acme-lock-demo></acme-lock-demo>
        <acme-audit-panel></acme-audit-panel>
      </aside>
    </div>`;
  }

  override render() {
    return html`${this.header()}
      <main id="main">${this.main()}</main>
      <footer class="footer">
        Acme Portal is a demo of <strong>TOTP Gate</strong>. The company, people and notes are fictional.
      </footer>`;
  }
}
customElements.define('acme-portal', AcmePortal);
