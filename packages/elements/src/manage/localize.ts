/**
 * The `<totp-manage>` catalogues: English built in, the other shipped locales loaded on demand,
 * like the main catalogue (which still supplies the shared texts and error messages).
 */
import { formatMessage, shippedLocale, type ShippedLocale } from '../messages/localize.js';
import type { Message, MessageParams } from '../messages/en.js';
import { enManage, type ManageMessageKey, type ManageMessages } from './messages/en.js';

const loaders: Record<Exclude<ShippedLocale, 'en'>, () => Promise<ManageMessages>> = {
  de: () => import('./messages/de.js').then((m) => m.deManage),
  fr: () => import('./messages/fr.js').then((m) => m.frManage),
  es: () => import('./messages/es.js').then((m) => m.esManage),
};

const loaded = new Map<ShippedLocale, ManageMessages>([['en', enManage]]);
const pending = new Map<ShippedLocale, Promise<ManageMessages>>();

/** Loads the `<totp-manage>` catalogue of a locale once; resolves when it is ready. */
export function loadManageLocale(tag: string): Promise<ManageMessages> {
  const locale = shippedLocale(tag);
  const ready = loaded.get(locale);
  if (ready) return Promise.resolve(ready);
  let promise = pending.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<ShippedLocale, 'en'>]().then((messages) => {
      loaded.set(locale, messages);
      return messages;
    });
    // A failed download may succeed on the next attempt.
    promise.catch(() => pending.delete(locale));
    pending.set(locale, promise);
  }
  return promise;
}

/** Whether the catalogue of a locale is loaded. */
export function hasManageLocale(tag: string): boolean {
  return loaded.has(shippedLocale(tag));
}

/** A `<totp-manage>` message as text: the override, else the locale's, else English. */
export function translateManage(
  key: ManageMessageKey,
  params: MessageParams,
  tag: string,
  overrides?: Partial<Record<string, Message>>,
): string {
  const message = overrides?.[key] ?? loaded.get(shippedLocale(tag))?.[key] ?? enManage[key];
  return formatMessage(message, params, tag);
}
