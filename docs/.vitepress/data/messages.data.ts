/**
 * Build-time data for the i18n guide and the `<totp-manage>` page: every key of the English
 * message catalogues with its text and placeholders, read from the elements package, so
 * translators see the real list.
 */
import { defineLoader } from 'vitepress';
import { en } from '../../../packages/elements/src/messages/en.js';
import { enManage } from '../../../packages/elements/src/manage/messages/en.js';

/** One message of the catalogue. */
export interface MessageRow {
  key: string;
  /** The English text; for function messages, an example rendering. */
  english: string;
  placeholders: string[];
  /** A function message (plurals, dates): translate it as a function too. */
  isFunction: boolean;
}

/** The catalogue of the sign-in elements, and the one `<totp-manage>` ships with. */
export interface Catalogues {
  elements: MessageRow[];
  manage: MessageRow[];
}

declare const data: Catalogues;
export { data };

const SAMPLE = { count: 2, minutes: 2, direction: 'behind', digits: 6, issuer: 'Acme', account: 'alice@example.com' };

type Catalogue = Record<string, string | ((params: typeof SAMPLE, locale: string) => string)>;

function rows(catalogue: Catalogue): MessageRow[] {
  return Object.entries(catalogue).map(([key, message]) => {
    if (typeof message === 'function') {
      return {
        key,
        english: `${message(SAMPLE, 'en')} (for ${Object.keys(SAMPLE)
          .filter((p) => message.toString().includes(p))
          .map((p) => `${p} = ${String(SAMPLE[p as keyof typeof SAMPLE])}`)
          .join(', ')})`,
        placeholders: [],
        isFunction: true,
      };
    }
    return {
      key,
      english: message,
      placeholders: [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
      isFunction: false,
    };
  });
}

export default defineLoader({
  watch: ['../../../packages/elements/src/messages/en.ts', '../../../packages/elements/src/manage/messages/en.ts'],
  load: (): Catalogues => ({
    elements: rows(en as unknown as Catalogue),
    manage: rows(enManage as unknown as Catalogue),
  }),
});
