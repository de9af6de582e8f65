/**
 * `<totp-recovery-codes>`: shows the recovery codes once, with ways to keep them, and asks the
 * person to confirm they saved them before going on.
 */
import { html, type PropertyValues } from 'lit';
import { TotpRecoveryCodesAcknowledgedEvent } from './recovery-codes-events.js';
import type { MessageKey } from '../messages/en.js';
import { enEnroll } from '../messages/en-enroll.js';
import { addEnglish } from '../messages/localize.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import { recoveryCodesStyles } from './recovery-codes.styles.js';

// This element's English texts, which the sign-in elements do not carry.
addEnglish(enEnroll);

/**
 * Hides the page around the element while it prints, so the printout holds only the codes. The
 * codes live in a shadow root (possibly inside another one), which page selectors cannot reach,
 * but visibility inherits through it: the element makes its own sheet visible again.
 */
const PRINT_PAGE = `@media print {
  html, body { block-size: auto !important; overflow: hidden !important; }
  body { visibility: hidden !important; }
}`;

/** How long a download link stays valid after the click (the browser reads it asynchronously). */
const DOWNLOAD_URL_LIFETIME_MS = 10_000;

/** A file name from the issuer: letters and digits of any script, dashes between words. */
export function recoveryCodesFileName(issuer: string): string {
  const slug = issuer
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug ? `${slug}-recovery-codes.txt` : 'recovery-codes.txt';
}

/**
 * Shows the recovery codes generated at enrollment, once, in a readable monospace list, with
 * "Copy all" (on click only), "Download (.txt)" and "Print" (only the codes are printed). The
 * "Continue" button stays disabled until "I have saved these codes" is ticked.
 *
 * The codes are a property only (never attributes or light-DOM text) and are dropped when the
 * element leaves the page (S34, S36).
 *
 * @summary The recovery codes, shown once, with copy, download, print and a saved confirmation.
 *
 * @fires totp-recovery-codes-acknowledged - The person ticked "I have saved these codes" and chose Continue.
 *
 * @csspart base - The whole step.
 * @csspart heading - The heading ("Save your recovery codes"); focused by `focusHeading()`.
 * @csspart intro - The explanation under the heading.
 * @csspart list - The list of codes (also what is printed).
 * @csspart code - One code.
 * @csspart actions - The row of Copy all, Download and Print buttons.
 * @csspart copy-button - "Copy all".
 * @csspart download-button - "Download (.txt)".
 * @csspart print-button - "Print".
 * @csspart status - The polite announcement after copying ("Recovery codes copied…").
 * @csspart checkbox - The "I have saved these codes" label and checkbox.
 * @csspart continue-button - "Continue", enabled once the checkbox is ticked.
 *
 * @cssproperty --totp-code-font-family - Font of the codes (monospace by default).
 * @cssproperty --totp-color-surface - Background of the list.
 * @cssproperty --totp-color-accent - Buttons and checkbox.
 *
 * @example
 * ```js
 * const el = document.createElement('totp-recovery-codes');
 * el.codes = result.recoveryCodes;
 * el.issuer = 'Acme';
 * el.addEventListener('totp-recovery-codes-acknowledged', () => gate.acknowledgeRecoveryCodes());
 * ```
 */
export class TotpRecoveryCodes extends TotpElement {
  static override styles = [baseStyles, recoveryCodesStyles];
  static override shadowRootOptions: ShadowRootInit = { ...TotpElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    codes: { attribute: false },
    issuer: { type: String },
    account: { type: String },
    saved: { state: true },
    status: { state: true },
  };

  /** The recovery codes to show. A property only: as attributes they would sit in the page's DOM. */
  codes: readonly string[] = [];
  /** The issuer, for the file and printout header and the file name. */
  issuer = '';
  /** The account, for the file and printout header. */
  account = '';
  private saved = false;
  private status: { key: MessageKey; failed: boolean } | undefined;

  private readonly internals: ElementInternals = this.attachInternals();
  private printSheet: CSSStyleSheet | undefined;
  private downloadUrl: string | undefined;
  private downloadTimer: ReturnType<typeof setTimeout> | undefined;

  /** Moves focus to the heading, so a screen reader announces the step (used when the step appears). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // S36: the codes do not outlive their place in the page.
    this.codes = [];
    this.saved = false;
    this.status = undefined;
    this.revokeDownload();
    this.endPrint();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new set of codes has not been saved yet.
    if (changed.has('codes') && changed.get('codes') !== undefined) this.saved = false;
    const states = this.internals.states as CustomStateSet | undefined;
    if (this.saved) states?.add('saved');
    else states?.delete('saved');
  }

  /** The header of the file and the printout. */
  private header(): string {
    return this.issuer && this.account
      ? this.t('recoveryCodesFileHeader', { issuer: this.issuer, account: this.account })
      : this.t('recoveryCodesFileHeaderShort');
  }

  override render() {
    const status = this.status;
    return html`
      <section part="base" class="base" aria-labelledby="heading">
        <h2 id="heading" part="heading" tabindex="-1">${this.t('recoveryCodesTitle')}</h2>
        <p part="intro">${this.t('recoveryCodesIntro')}</p>
        <div class="sheet">
          <p class="print-only">${this.header()}</p>
          <ol part="list" class="codes" aria-labelledby="heading" translate="no">
            ${this.codes.map((code) => html`<li part="code"><code>${code}</code></li>`)}
          </ol>
        </div>
        <div part="actions" class="actions">
          <button type="button" part="copy-button" class="secondary" @click=${this.copyAll}>
            ${this.t('copyAll')}
          </button>
          <button type="button" part="download-button" class="secondary" @click=${this.download}>
            ${this.t('download')}
          </button>
          <button type="button" part="print-button" class="secondary" @click=${this.print}>${this.t('print')}</button>
        </div>
        <p part="status" class=${status?.failed ? 'status failed' : 'status'} role="status">
          ${status ? this.t(status.key) : ''}
        </p>
        <label part="checkbox" class="confirm">
          <input type="checkbox" .checked=${this.saved} @change=${this.onSavedChange} />
          ${this.t('savedCheckbox')}
        </label>
        <button
          type="button"
          part="continue-button"
          class="continue"
          ?disabled=${!this.saved}
          @click=${this.onContinue}
        >
          ${this.t('continue')}
        </button>
      </section>
    `;
  }

  private async announce(key: MessageKey, failed = false): Promise<void> {
    // Clear first, so the same message is announced again after a second click.
    this.status = undefined;
    await this.updateComplete;
    this.status = { key, failed };
  }

  private async copyAll(): Promise<void> {
    try {
      // Only on this click, and only the codes (S37).
      await navigator.clipboard.writeText(this.codes.join('\n'));
      await this.announce('copiedAll');
    } catch {
      await this.announce('copyAllFailed', true);
      // Leave the codes selected so that copying them by hand is one keystroke away.
      const list = this.renderRoot.querySelector('ol');
      if (list) getSelection()?.selectAllChildren(list);
    }
  }

  private download(): void {
    this.revokeDownload();
    const text = `${this.header()}\n\n${this.codes.join('\n')}\n`;
    // A blob: URL made on this click and revoked soon after; never a data: URL (S33).
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    this.downloadUrl = url;
    const link = document.createElement('a');
    link.href = url;
    link.download = recoveryCodesFileName(this.issuer);
    link.click();
    this.downloadTimer = setTimeout(() => this.revokeDownload(), DOWNLOAD_URL_LIFETIME_MS);
  }

  private revokeDownload(): void {
    if (this.downloadTimer !== undefined) clearTimeout(this.downloadTimer);
    this.downloadTimer = undefined;
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = undefined;
  }

  private print(): void {
    this.endPrint();
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PRINT_PAGE);
    this.printSheet = sheet;
    // Constructed style sheets need no inline style and pass a strict CSP (S38).
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    (this.internals.states as CustomStateSet | undefined)?.add('printing');
    window.addEventListener('afterprint', () => this.endPrint(), { once: true });
    window.print();
  }

  private endPrint(): void {
    (this.internals.states as CustomStateSet | undefined)?.delete('printing');
    const sheet = this.printSheet;
    if (!sheet) return;
    this.printSheet = undefined;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  }

  private onSavedChange(event: Event): void {
    this.saved = (event.target as HTMLInputElement).checked;
  }

  private onContinue(): void {
    if (!this.saved) return;
    this.dispatchEvent(new TotpRecoveryCodesAcknowledgedEvent());
  }
}

if (!customElements.get('totp-recovery-codes')) customElements.define('totp-recovery-codes', TotpRecoveryCodes);

declare global {
  interface HTMLElementTagNameMap {
    'totp-recovery-codes': TotpRecoveryCodes;
  }
}
