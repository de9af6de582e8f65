/**
 * `<totp-qr>`: draws the QR code of an otpauth URI locally, as SVG through Lit templates.
 */
import { html, nothing, svg, type PropertyValues } from 'lit';
import { parseOtpauthUri } from '@totp-gate/core';
import { enEnroll } from '../messages/en-enroll.js';
import { addEnglish } from '../messages/localize.js';
import { baseStyles } from '../styles/base.js';
import { whenIdle } from '../shared/idle.js';
import { TotpElement } from '../totp-element.js';
import type * as QrEncoder from './qr-matrix.js';
import type { QrMatrix } from './qr-matrix.js';
import { qrStyles } from './qr.styles.js';

// This element's English texts, which the sign-in elements do not carry.
addEnglish(enEnroll);

type QrModule = typeof QrEncoder;
let encoder: Promise<QrModule> | undefined;
let prepared = false;

/** Loads the QR encoder once, on first use; later calls share the same download. */
export function loadQrEncoder(): Promise<QrModule> {
  encoder ??= import('./qr-matrix.js').catch((error: unknown) => {
    // A failed download (offline, deploy in between) may succeed on the next attempt.
    encoder = undefined;
    throw error;
  });
  return encoder;
}

/** A URI shaped like the ones drawn (same length class, same segments), holding no secret. */
const WARM_UP_URI = `otpauth://totp/Example:someone%40example.com?secret=${'A'.repeat(32)}&issuer=Example`;

/**
 * Gets the QR code of the next step ready while the person reads this one: downloads the encoder
 * and, when the page is idle, draws one throwaway code, so the real one is drawn by warm code.
 * A failed download is left for `<totp-qr>` to report when it needs the encoder.
 */
export function prepareQrEncoder(): void {
  if (prepared) return;
  prepared = true;
  loadQrEncoder().then(
    ({ qrMatrix }) => whenIdle(() => qrMatrix(WARM_UP_URI)),
    () => {
      prepared = false;
    },
  );
}

/**
 * The QR code an authenticator app scans to set up an account. Drawn in the page from the otpauth
 * URI with the `qrcode` encoder (loaded on first use, so sign-in pages never download it): one SVG
 * path of dark modules on white with a quiet zone of four modules, crisp at any zoom, black on white
 * in dark mode too. No external service, no data URL, no `innerHTML` (S33).
 *
 * The URI holds the secret, so it is a property only (never an attribute) and is dropped when the
 * element leaves the page. The accessible name names the issuer and account, never the secret (S36).
 *
 * @summary A locally drawn QR code for an otpauth URI.
 *
 * @csspart base - The square that holds the code or its placeholder.
 * @csspart svg - The drawn code (`role="img"`).
 * @csspart placeholder - Shown while the encoder loads, or with a message when drawing failed.
 *
 * @cssproperty --totp-qr-size - Side of the square (13rem by default); the drawing scales to it.
 * @cssproperty --totp-color-surface - Placeholder background.
 *
 * @example
 * ```js
 * document.querySelector('totp-qr').uri = enrollment.otpauthUri;
 * ```
 */
export class TotpQr extends TotpElement {
  static override styles = [baseStyles, qrStyles];
  static override properties = {
    uri: { attribute: false },
    label: { type: String },
    matrix: { state: true },
    failed: { state: true },
  };

  /** The otpauth URI to draw. A property only: as an attribute it would put the secret in the DOM. */
  uri = '';
  /** The accessible name; defaults to "QR code to set up {issuer} for {account}…" read from the URI. */
  label = '';
  private matrix: QrMatrix | undefined;
  private failed = false;

  private readonly internals: ElementInternals = this.attachInternals();
  #drawing: Promise<void> = Promise.resolve();
  #request = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // S36: the URI and the drawing that encodes it do not outlive their place in the page.
    this.uri = '';
    this.matrix = undefined;
  }

  /** Resolves once the element has rendered and any pending drawing is on screen. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    await this.#drawing;
    done = (await super.getUpdateComplete()) && done;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('uri')) this.#drawing = this.draw(this.uri);
    this.setState(this.failed ? 'failed' : this.matrix ? 'ready' : this.uri ? 'loading' : 'empty');
  }

  private async draw(uri: string): Promise<void> {
    const request = ++this.#request;
    this.matrix = undefined;
    this.failed = false;
    if (!uri) return;
    try {
      const { qrMatrix } = await loadQrEncoder();
      if (request !== this.#request) return;
      this.matrix = qrMatrix(uri);
    } catch {
      // Nothing about the URI goes to the console (S35); the message says what to do instead.
      if (request === this.#request) this.failed = true;
    }
  }

  private setState(state: 'empty' | 'loading' | 'ready' | 'failed'): void {
    const states = this.internals.states as CustomStateSet | undefined;
    if (!states) return;
    for (const other of ['empty', 'loading', 'ready', 'failed']) states.delete(other);
    states.add(state);
  }

  /** The accessible name: the host's label unless it leaks the secret, else issuer and account from the URI. */
  private accessibleName(): string {
    let secret: string;
    let name = this.t('qrLabelGeneric');
    try {
      const params = parseOtpauthUri(this.uri);
      secret = params.secret;
      name = this.t('qrLabel', { issuer: params.issuer, account: params.account });
    } catch {
      // Not a valid otpauth URI: the generic name still says what the picture is for.
      secret = /[?&]secret=([^&#]*)/i.exec(this.uri)?.[1] ?? '';
    }
    if (this.label && !(secret && this.label.replace(/\s+/g, '').toUpperCase().includes(secret.toUpperCase()))) {
      return this.label;
    }
    return name;
  }

  override render() {
    const matrix = this.matrix;
    if (matrix) {
      const side = matrix.size;
      return html`<div part="base" class="base">
        <svg
          part="svg"
          role="img"
          aria-label=${this.accessibleName()}
          viewBox="0 0 ${side} ${side}"
          shape-rendering="crispEdges"
          xmlns="http://www.w3.org/2000/svg"
        >
          ${svg`<rect width=${side} height=${side} fill="#ffffff"></rect><path d=${matrix.path} fill="#000000"></path>`}
        </svg>
      </div>`;
    }
    if (this.failed) {
      return html`<div part="base" class="base">
        <p part="placeholder" class="placeholder failed" role="alert">${this.t('qrFailed')}</p>
      </div>`;
    }
    return html`<div part="base" class="base">
      <div part="placeholder" class="placeholder" role=${this.uri ? 'status' : nothing}>
        ${this.uri ? this.t('qrLoading') : nothing}
      </div>
    </div>`;
  }
}

if (!customElements.get('totp-qr')) customElements.define('totp-qr', TotpQr);

declare global {
  interface HTMLElementTagNameMap {
    'totp-qr': TotpQr;
  }
}
