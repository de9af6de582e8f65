/**
 * Message lookup: English is built in; other shipped locales load on demand so that users
 * who read English do not download them. A host may override any key per element.
 *
 * English itself comes in two parts: the sign-in messages are built in, and the enrollment
 * messages (`en-enroll.ts`) are added by the elements that show them (`<totp-enroll>`, `<totp-qr>`,
 * `<totp-recovery-codes>`), which a person who only signs in never downloads.
 */
import type { Message, MessageKey, MessageParams, Messages } from './en.js';
import { enSignIn } from './en-sign-in.js';

/** Locales shipped with the package. */
export const SHIPPED_LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

const loaders: Record<Exclude<ShippedLocale, 'en'>, () => Promise<Messages>> = {
  de: () => import('./de.js').then((m) => m.de),
  fr: () => import('./fr.js').then((m) => m.fr),
  es: () => import('./es.js').then((m) => m.es),
};

/** The English messages loaded so far: the sign-in part, plus the enrollment part once added. */
const english: Partial<Messages> = { ...enSignIn };
const loaded = new Map<string, Partial<Messages>>([['en', english]]);
const pending = new Map<string, Promise<Messages>>();

/**
 * Adds English messages to the built-in ones (the enrollment elements add theirs when they load).
 * @internal
 */
export function addEnglish(messages: Partial<Messages>): void {
  Object.assign(english, messages);
}

/** The shipped locale for a BCP 47 tag (`de-CH` → `de`), or `en`. */
export function shippedLocale(tag: string | null | undefined): ShippedLocale {
  const base = (tag ?? '').toLowerCase().split('-')[0] as ShippedLocale;
  return (SHIPPED_LOCALES as readonly string[]).includes(base) ? base : 'en';
}

/**
 * The catalogue of a locale if it is loaded already. English always is, in part: its sign-in
 * messages, plus the enrollment messages once an enrollment element has loaded (or after
 * `loadLocale('en')`).
 */
export function catalogue(locale: ShippedLocale): Partial<Messages> | undefined {
  return loaded.get(locale);
}

/** Loads a shipped locale once; resolves with its complete catalogue (for `en`, both parts). */
export function loadLocale(locale: ShippedLocale): Promise<Messages> {
  if (locale === 'en') {
    return import('./en-enroll-chunk.js').then(({ enEnroll, enChallengeViews }) => {
      addEnglish(enEnroll);
      addEnglish(enChallengeViews);
      return english as Messages;
    });
  }
  const ready = loaded.get(locale);
  if (ready) return Promise.resolve(ready as Messages);
  let promise = pending.get(locale);
  if (!promise) {
    promise = loaders[locale]().then((messages) => {
      loaded.set(locale, messages);
      return messages;
    });
    pending.set(locale, promise);
  }
  return promise;
}

/** Renders one message as plain text. Unknown placeholders are left as they are. */
export function formatMessage(message: Message, params: MessageParams, locale: string): string {
  if (typeof message === 'function') return message(params, locale);
  return message.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** Looks a key up in the overrides, then the locale, then English. */
export function translate(
  key: MessageKey,
  params: MessageParams,
  locale: string,
  overrides?: Partial<Record<MessageKey, Message>>,
): string {
  const message = overrides?.[key] ?? loaded.get(shippedLocale(locale))?.[key] ?? english[key];
  // Only an element that forgot to add its English part gets here: show the key, not a crash.
  return message === undefined ? key : formatMessage(message, params, locale);
}
