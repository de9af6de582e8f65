/**
 * The `<totp-admin>` catalogues: English built in, German, French and Spanish loaded on demand
 * (one small chunk each), like the main catalogue, which still supplies the shared texts.
 */
import { elementCatalogue } from '../shared/element-catalogue.js';
import { enAdmin, type AdminMessageKey } from './messages/en.js';

const admin = elementCatalogue<AdminMessageKey>(enAdmin, {
  de: () => import('./messages/de.js').then((m) => m.deAdmin),
  fr: () => import('./messages/fr.js').then((m) => m.frAdmin),
  es: () => import('./messages/es.js').then((m) => m.esAdmin),
});

/** Loads the `<totp-admin>` catalogue of a locale once. */
export const loadAdminLocale = admin.load;
/** A `<totp-admin>` message as text: the override, else the locale's (once loaded), else English. */
export const translateAdmin = admin.translate;
