/**
 * The base of every TOTP Gate element: the message catalogue (with per-element overrides and
 * on-demand locales) and the shared styles. Not registered as an element itself.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { AccountErrorCode, AdminErrorCode, TotpGateError } from '@totp-gate/core';
import type { Message, MessageKey, MessageParams } from './messages/en.js';
import type { enSignIn } from './messages/en-sign-in.js';
import { catalogue, loadLocale, shippedLocale, translate } from './messages/localize.js';

/** `invalid-code` → `InvalidCode`, at the type level. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;
/** The message key of each error code: `invalid-code` → `errorInvalidCode`. */
type ErrorKey<Code extends string> = `error${Pascal<Code>}`;
/** The codes the sign-in elements meet (account management's and the admin mount's own ship with their elements). */
type SignInErrorCode = Exclude<TotpGateError['code'], AccountErrorCode | AdminErrorCode>;
/** Fails to compile when an error code has no message in the built-in catalogue. */
type EveryError<T extends Record<ErrorKey<SignInErrorCode>, Message>> = T;
type _EveryErrorHasAMessage = EveryError<typeof enSignIn>;

/** The message key of an error code, derived by the rule above (a table would ship every name twice). */
const errorKey = (code: SignInErrorCode) =>
  `error${code.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())}` as ErrorKey<typeof code>;

export class TotpElement extends LitElement {
  // Lit gives each element these as well as its own `static properties`: subclasses list only theirs.
  static override properties: PropertyDeclarations = {
    messages: { attribute: false },
    lang: { type: String },
  };

  /** Overrides for any message key, e.g. `{ verify: 'Continue' }`. Rendered as text. */
  messages: Partial<Record<MessageKey, Message>> | undefined;

  /** The locale in use: this element's `lang`, else the nearest ancestor's, else the page's, else `en`. */
  protected get locale(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** A message as plain text in the current locale. */
  protected t(key: MessageKey, params: MessageParams = {}): string {
    return translate(key, params, this.locale, this.messages);
  }

  /** The message for an error, by its stable code (never the server's wording, which may be in another language). */
  protected errorText(
    error: TotpGateError,
    params: MessageParams = {},
    attemptsLeft: number | null | undefined = error.attemptsLeft,
  ): string {
    const skew = error.skewSeconds;
    if (error.code !== 'invalid-code') return this.t(errorKey(error.code as SignInErrorCode), { digits: 6, ...params });
    const text =
      skew !== undefined && Math.abs(skew) >= 30
        ? // The phone computed a code for an earlier time when its clock is behind.
          this.t('clockSkew', {
            minutes: Math.max(1, Math.round(Math.abs(skew) / 60)),
            direction: skew < 0 ? 'behind' : 'ahead',
          })
        : this.t('errorInvalidCode');
    return this.withAttemptsLeft(text, attemptsLeft);
  }

  /** A wrong-code message followed by the attempts the server says are left before a lock-out. */
  protected withAttemptsLeft(text: string, attemptsLeft: number | null | undefined): string {
    return typeof attemptsLeft === 'number' ? `${text} ${this.t('attemptsLeft', { count: attemptsLeft })}` : text;
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
