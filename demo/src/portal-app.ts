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

/**
 * The pages behind the gate besides home, by the URL's hash: `#admin` (`admin-page.ts`,
 * administrators only) and `#account` (`account-page.ts`, a session that passed a code). Each
 * module is fetched on its first visit, so the sign-in never downloads it.
 */
type Page = 'home' | 'admin' | 'account';
const PAGES = {
  '#admin': { page: 'admin', load: () => import('./admin-page.js') },
  '#account': { page: 'account', load: () => import('./account-page.js') },
} as const;
const pageAsked = () => PAGES[location.hash as keyof typeof PAGES];

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
    page: { state: true },
  };
  declare me: Me | null;
  declare phase: 'loading' | 'signed-out' | 'signed-in';
  declare gateStatus: string;
  declare language: Language;
  /** The page the hash asks for, once its module has loaded. */
  declare page: Page;
  private readonly followHash = () => void this.showPage();

  constructor() {
    super();
    this.me = null;
    this.phase = 'loading';
    this.gateStatus = 'checking';
    this.language = storedLanguage();
    this.page = 'home';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.followHash);
    void this.showPage();
    api.me().then(
      (me) => this.signedIn(me),
      () => (this.phase = 'signed-out'),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.followHash);
  }

  /** The page from the URL's hash; its module is fetched on the first visit. */
  private async showPage(): Promise<void> {
    const asked = pageAsked();
    if (asked) await asked.load();
    this.page = pageAsked()?.page ?? 'home';
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
      if (pageAsked()) history.replaceState(null, '', location.pathname);
      this.page = 'home';
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

  /** What the open gate shows: the page the hash asks for, where this person may see it, else home. */
  private pageContent(me: Me) {
    if (this.page === 'admin' && me.roles.includes('admin') && this.gateStatus !== 'deferred') {
      return html`<acme-admin language=${this.language}></acme-admin>`;
    }
    if (this.page === 'account' && this.gateStatus === 'verified') {
      return html`<acme-account language=${this.language}></acme-account>`;
    }
    return html`<acme-home lang="en" .me=${me} access=${this.gateStatus as Access}></acme-home>`;
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
          ${open ? this.pageContent(this.me) : nothing}
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
