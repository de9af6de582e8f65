/**
 * The `<totp-manage>` catalogues: English built in, the other shipped locales loaded on demand,
 * like the main catalogue (which still supplies the shared texts and error messages).
 */
import { elementCatalogue } from '../shared/element-catalogue.js';
import { enManage, type ManageMessageKey } from './messages/en.js';

const manage = elementCatalogue<ManageMessageKey>(enManage, {
  de: () => import('./messages/de.js').then((m) => m.deManage),
  fr: () => import('./messages/fr.js').then((m) => m.frManage),
  es: () => import('./messages/es.js').then((m) => m.esManage),
});

/** Loads the `<totp-manage>` catalogue of a locale once; resolves when it is ready. */
export const loadManageLocale = manage.load;
/** Whether the catalogue of a locale is loaded. */
export const hasManageLocale = manage.has;
/** A `<totp-manage>` message as text: the override, else the locale's, else English. */
export const translateManage = manage.translate;
