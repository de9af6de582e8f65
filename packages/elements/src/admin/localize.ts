/**
 * The `<totp-admin>` catalogues: English built in, German, French and Spanish loaded on demand
 * (one small chunk each), like the main catalogue, which still supplies the shared texts.
 */
import { formatMessage, shippedLocale, type ShippedLocale } from '../messages/localize.js';
import type { Message, MessageParams } from '../messages/en.js';
import { enAdmin, type AdminMessageKey, type AdminMessages } from './messages/en.js';

const loaders: Record<Exclude<ShippedLocale, 'en'>, () => Promise<AdminMessages>> = {
  de: () => import('./messages/de.js').then((m) => m.deAdmin),
  fr: () => import('./messages/fr.js').then((m) => m.frAdmin),
  es: () => import('./messages/es.js').then((m) => m.esAdmin),
};

const loaded = new Map<ShippedLocale, AdminMessages>([['en', enAdmin]]);
const pending = new Map<ShippedLocale, Promise<AdminMessages>>();

/** Loads the `<totp-admin>` catalogue of a locale once (a failed download is tried again next time). */
export function loadAdminLocale(tag: string): Promise<AdminMessages> {
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
}

/** A `<totp-admin>` message as text: the override, else the locale's (once loaded), else English. */
export function translateAdmin(
  key: AdminMessageKey,
  params: MessageParams,
  tag: string,
  overrides?: Partial<Record<string, Message>>,
): string {
  const message = overrides?.[key] ?? loaded.get(shippedLocale(tag))?.[key] ?? enAdmin[key];
  return formatMessage(message, params, tag);
}
