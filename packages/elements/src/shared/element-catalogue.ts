/**
 * The message catalogue of an element off the sign-in path (`<totp-manage>`, `<totp-admin>`):
 * English built in, the other shipped locales loaded on demand (one chunk each, from the loaders
 * the element's module passes), looked up after the host's overrides. The main catalogue still
 * supplies the texts the elements share.
 */
import { formatMessage, shippedLocale, type ShippedLocale } from '../messages/localize.js';
import type { Message, MessageParams } from '../messages/en.js';

/** What {@link elementCatalogue} returns. */
export interface ElementCatalogue<K extends string> {
  /** Loads the catalogue of a locale once; resolves when it is ready (a failed download is tried again next time). */
  load(tag: string): Promise<Record<K, Message>>;
  /** Whether the catalogue of a locale is loaded. */
  has(tag: string): boolean;
  /** A message as text: the override, else the locale's (once loaded), else English. */
  translate(key: K, params: MessageParams, tag: string, overrides?: Partial<Record<string, Message>>): string;
}

/** The catalogue of one element, from its English messages and a loader per other locale. */
export function elementCatalogue<K extends string>(
  english: Record<K, Message>,
  loaders: Record<Exclude<ShippedLocale, 'en'>, () => Promise<Record<K, Message>>>,
): ElementCatalogue<K> {
  const loaded = new Map<ShippedLocale, Record<K, Message>>([['en', english]]);
  const pending = new Map<ShippedLocale, Promise<Record<K, Message>>>();
  return {
    load(tag) {
      const locale = shippedLocale(tag);
      const ready = loaded.get(locale);
      if (ready) return Promise.resolve(ready);
      let promise = pending.get(locale);
      if (!promise) {
        promise = loaders[locale as Exclude<ShippedLocale, 'en'>]().then((messages) => {
          loaded.set(locale, messages);
          return messages;
        });
        promise.catch(() => pending.delete(locale));
        pending.set(locale, promise);
      }
      return promise;
    },
    has: (tag) => loaded.has(shippedLocale(tag)),
    translate(key, params, tag, overrides) {
      const message = overrides?.[key] ?? loaded.get(shippedLocale(tag))?.[key] ?? english[key];
      return formatMessage(message, params, tag);
    },
  };
}
