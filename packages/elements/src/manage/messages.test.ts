import { expect } from '@open-wc/testing';
import type { Message } from '../messages/en.js';
import { formatMessage } from '../messages/localize.js';
import { loadManageLocale, translateManage } from './localize.js';
import { deManage } from './messages/de.js';
import { enManage, type ManageMessageKey } from './messages/en.js';
import { esManage } from './messages/es.js';
import { frManage } from './messages/fr.js';

const placeholders = (message: Message) =>
  typeof message === 'string' ? [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : 'function';

describe('<totp-manage> message catalogues', () => {
  for (const [name, catalogue] of Object.entries({ de: deManage, fr: frManage, es: esManage })) {
    describe(name, () => {
      it('has exactly the keys of English, with the same placeholders', () => {
        expect(Object.keys(catalogue).sort()).to.deep.equal(Object.keys(enManage).sort());
        for (const key of Object.keys(enManage) as ManageMessageKey[]) {
          expect(placeholders(catalogue[key]), key).to.deep.equal(placeholders(enManage[key]));
        }
      });

      it('is translated: no message is left in English', () => {
        // Words that read the same in both languages.
        const same = new Set(['nameLabel', 'defaultFactorName']);
        for (const key of Object.keys(enManage) as ManageMessageKey[]) {
          if (name !== 'es' && same.has(key)) continue;
          const params = { count: 3, date: 'D', name: 'N', days: 30, number: 2 };
          expect(formatMessage(catalogue[key], params, name), key).not.to.equal(
            formatMessage(enManage[key], params, 'en'),
          );
        }
      });

      it('counts recovery codes in the singular and the plural', async () => {
        await loadManageLocale(name);
        const one = translateManage('codesLeft', { count: 1 }, name);
        const five = translateManage('codesLeft', { count: 5 }, name);
        expect(one).to.include('1');
        expect(five).to.include('5');
        expect(one.replace('1', '')).not.to.equal(five.replace('5', ''));
      });
    });
  }

  it('an override wins over every catalogue; an unknown locale falls back to English', async () => {
    await loadManageLocale('de');
    expect(translateManage('factorAdd', {}, 'de', { factorAdd: 'Neues Gerät' })).to.equal('Neues Gerät');
    expect(translateManage('factorAdd', {}, 'de-AT')).to.equal(deManage.factorAdd);
    expect(translateManage('factorAdd', {}, 'ja')).to.equal(enManage.factorAdd);
  });
});
