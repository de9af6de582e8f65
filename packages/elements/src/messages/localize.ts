/**
 * Message lookup: English is built in; other shipped locales load on demand so that users
 * who read English do not download them. A host may override any key per element.
 */
import { en, type Message, type MessageKey, type MessageParams, type Messages } from './en.js';

/** Locales shipped with the package. */
export const SHIPPED_LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

const loaders: Record<Exclude<ShippedLocale, 'en'>, () => Promise<Messages>> = {
  de: () => import('./de.js').then((m) => m.de),
  fr: () => import('./fr.js').then((m) => m.fr),
  es: () => import('./es.js').then((m) => m.es),
};

const loaded = new Map<string, Messages>([['en', en]]);
const pending = new Map<string, Promise<Messages>>();

/** The shipped locale for a BCP 47 tag (`de-CH` → `de`), or `en`. */
export function shippedLocale(tag: string | null | undefined): ShippedLocale {
  const base = (tag ?? '').toLowerCase().split('-')[0] as ShippedLocale;
  return (SHIPPED_LOCALES as readonly string[]).includes(base) ? base : 'en';
}

/** The catalogue of a locale if it is loaded already (English always is). */
export function catalogue(locale: ShippedLocale): Messages | undefined {
  return loaded.get(locale);
}

/** Loads a shipped locale once; resolves with its catalogue. */
export function loadLocale(locale: ShippedLocale): Promise<Messages> {
  const ready = loaded.get(locale);
  if (ready) return Promise.resolve(ready);
  let promise = pending.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<ShippedLocale, 'en'>]().then((messages) => {
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
  const message = overrides?.[key] ?? loaded.get(shippedLocale(locale))?.[key] ?? en[key];
  return formatMessage(message, params, locale);
}
