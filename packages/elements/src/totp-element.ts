/**
 * The base of every TOTP Gate element: the message catalogue (with per-element overrides and
 * on-demand locales) and the shared styles. Not registered as an element itself.
 */
import { LitElement } from 'lit';
import type { TotpGateError } from '@totp-gate/core';
import type { Message, MessageKey, MessageParams } from './messages/en.js';
import { catalogue, loadLocale, shippedLocale, translate } from './messages/localize.js';

const ERROR_KEYS: Record<TotpGateError['code'], MessageKey> = {
  'invalid-code': 'errorInvalidCode',
  'code-reused': 'errorCodeReused',
  locked: 'errorLocked',
  'enrollment-expired': 'errorEnrollmentExpired',
  'already-enrolled': 'errorAlreadyEnrolled',
  'grace-expired': 'errorGraceExpired',
  unauthenticated: 'errorUnauthenticated',
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  'bad-response': 'errorBadResponse',
  'bad-request': 'errorBadRequest',
  unsupported: 'errorUnsupported',
};

export class TotpElement extends LitElement {
  static override properties = {
    messages: { attribute: false },
    lang: { type: String },
  };

  /** Overrides for any message key, e.g. `{ verify: 'Continue' }`. Rendered as text. */
  declare messages: Partial<Record<MessageKey, Message>> | undefined;

  /** The locale in use: this element's `lang`, else the nearest ancestor's, else the page's, else `en`. */
  protected get locale(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** A message as plain text in the current locale. */
  protected t(key: MessageKey, params: MessageParams = {}): string {
    return translate(key, params, this.locale, this.messages);
  }

  /** The message for an error, by its stable code (never the server's wording, which may be in another language). */
  protected errorText(error: TotpGateError, params: MessageParams = {}): string {
    if (error.code === 'invalid-code' && error.skewSeconds !== undefined && Math.abs(error.skewSeconds) >= 30) {
      const minutes = Math.max(1, Math.round(Math.abs(error.skewSeconds) / 60));
      // The phone computed a code for an earlier time when its clock is behind.
      return this.t('clockSkew', { minutes, direction: error.skewSeconds < 0 ? 'behind' : 'ahead' });
    }
    return this.t(ERROR_KEYS[error.code], { digits: 6, ...params });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureLocale();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('lang')) this.ensureLocale();
  }

  private ensureLocale(): void {
    const locale = shippedLocale(this.locale);
    if (catalogue(locale)) return;
    loadLocale(locale).then(
      () => this.requestUpdate(),
      () => {
        // A failed locale load leaves English in place; nothing else to do.
      },
    );
  }
}
