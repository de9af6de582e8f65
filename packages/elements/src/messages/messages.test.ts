import { expect, fixture, html } from '@open-wc/testing';
import { en, type Message, type MessageKey } from './en.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { enChallengeViews } from './en-challenge-views.js';
import { enEnroll } from './en-enroll.js';
import { enSignIn } from './en-sign-in.js';
import { catalogue, formatMessage, loadLocale, translate } from './localize.js';
import '../code-input/code-input.js';
import '../recovery-codes/recovery-codes.js';
import { inShadow } from '../test/helpers.js';

const LOCALES = { de, fr, es };
const placeholders = (message: Message) =>
  typeof message === 'string' ? [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : 'function';

describe('message catalogues', () => {
  describe('English, in parts', () => {
    it('the sign-in, challenge-views and enrollment parts together are the whole catalogue, with no key in two', () => {
      const signIn = Object.keys(enSignIn);
      const views = Object.keys(enChallengeViews);
      const enroll = Object.keys(enEnroll);
      expect(signIn.filter((key) => enroll.includes(key) || views.includes(key))).to.deep.equal([]);
      expect(views.filter((key) => enroll.includes(key))).to.deep.equal([]);
      expect([...signIn, ...views, ...enroll].sort()).to.deep.equal(Object.keys(en).sort());
    });

    it('every key the sign-in elements use is in the built-in part', async () => {
      const keys = new Set(Object.keys(en));
      const used = new Set<string>();
      // The elements a person who signs in loads (as served, compiled); their quoted strings that are message keys.
      for (const file of ['totp-element.ts', 'gate/gate.ts', 'challenge/challenge.ts', 'code-input/code-input.ts']) {
        const source = await (await fetch(new URL(`../${file}`, import.meta.url))).text();
        for (const [, word] of source.matchAll(/['"](\w+)['"]/g)) if (keys.has(word!)) used.add(word!);
      }
      // (The error messages' keys are derived from the error codes; totp-element.ts checks those at compile time.)
      expect(used.size).to.be.greaterThan(25);
      expect([...used].filter((key) => !(key in enSignIn))).to.deep.equal([]);
    });

    it("the challenge's lazily loaded views use only keys of the built-in part and of the part they bring", async () => {
      const keys = new Set(Object.keys(en));
      const source = await (await fetch(new URL('../challenge/challenge-views.ts', import.meta.url))).text();
      const used = [...source.matchAll(/['"](\w+)['"]/g)].map(([, word]) => word!).filter((word) => keys.has(word));
      expect(used.length).to.be.greaterThan(8);
      expect(used.filter((key) => !(key in enSignIn) && !(key in enChallengeViews))).to.deep.equal([]);
    });

    it('the enrollment elements add their English part; loadLocale("en") resolves with the whole catalogue', async () => {
      // This file imports <totp-recovery-codes>, which adds the enrollment part.
      expect(catalogue('en')).to.include({ savedCheckbox: en.savedCheckbox, verify: en.verify });
      expect(translate('savedCheckbox', {}, 'en')).to.equal('I have saved these codes');
      expect(Object.keys(await loadLocale('en')).sort()).to.deep.equal(Object.keys(en).sort());
    });
  });

  for (const [name, catalogue] of Object.entries(LOCALES)) {
    describe(name, () => {
      it('has exactly the keys of the English catalogue', () => {
        expect(Object.keys(catalogue).sort()).to.deep.equal(Object.keys(en).sort());
      });

      it('keeps every placeholder of the English message, and uses functions where English does', () => {
        for (const key of Object.keys(en) as MessageKey[]) {
          expect(placeholders(catalogue[key]), key).to.deep.equal(placeholders(en[key]));
        }
      });

      it('is translated: no message is left in English', () => {
        for (const key of Object.keys(en) as MessageKey[]) {
          const mine = formatMessage(catalogue[key], { count: 3, minutes: 2, direction: 'behind' }, name);
          const english = formatMessage(en[key], { count: 3, minutes: 2, direction: 'behind' }, 'en');
          expect(mine, key).not.to.equal(english);
        }
      });

      it('formats counts and clock skew through Intl plural rules for every number', () => {
        for (const count of [0, 1, 2, 5, 21, 100]) {
          for (const key of ['attemptsLeft', 'recoveryCodesLeft'] as const) {
            const text = formatMessage(catalogue[key], { count }, name);
            expect(text, `${key} ${count}`).to.include(String(count));
          }
          for (const direction of ['behind', 'ahead']) {
            expect(formatMessage(catalogue.clockSkew, { minutes: count, direction }, name)).to.include(String(count));
          }
        }
      });
    });
  }

  it('picks singular and plural forms as each language does', () => {
    const attempts = (locale: string, count: number) => translate('attemptsLeft', { count }, locale);
    return Promise.all([loadLocale('de'), loadLocale('fr'), loadLocale('es')]).then(() => {
      expect(attempts('de', 1)).to.equal('Noch 1 Versuch bis zur Sperre.');
      expect(attempts('de', 2)).to.equal('Noch 2 Versuche bis zur Sperre.');
      // French treats 0 as singular.
      expect(attempts('fr', 0)).to.equal('0\u00a0tentative restante avant le blocage.');
      expect(attempts('fr', 2)).to.equal('2\u00a0tentatives restantes avant le blocage.');
      expect(attempts('es', 1)).to.equal('Te queda 1 intento antes del bloqueo.');
      expect(attempts('es', 4)).to.equal('Te quedan 4 intentos antes del bloqueo.');
      expect(translate('clockSkew', { minutes: 1, direction: 'ahead' }, 'de')).to.include('in 1 Minute');
      expect(translate('clockSkew', { minutes: 3, direction: 'behind' }, 'es')).to.include('hace 3 minutos');
    });
  });

  it('the elements switch language from their lang attribute or an ancestor’s, loading the catalogue on demand', async () => {
    const wrapper = await fixture<HTMLDivElement>(html` <div lang="fr-CA"><totp-code-input></totp-code-input></div> `);
    const input = wrapper.querySelector('totp-code-input')!;
    await loadLocale('fr');
    await input.updateComplete;
    expect(inShadow(input, 'label').textContent).to.equal('Code d’authentification');
    input.lang = 'de';
    input.required = true;
    await loadLocale('de');
    await input.updateComplete;
    expect(inShadow(input, 'label').textContent).to.equal('Authentifizierungscode');
    expect(input.validationMessage).to.equal('Geben Sie den 6-stelligen Code ein.');
    const codes = await fixture(html`<totp-recovery-codes lang="es" .codes=${['a']}></totp-recovery-codes>`);
    await loadLocale('es');
    await (codes as any).updateComplete;
    expect(inShadow(codes, 'h2').textContent).to.equal('Guarda tus códigos de recuperación');
    await expect(codes).to.be.accessible();
  });
});
