import '@totp-gate/elements/gate';
import type { TotpGate } from '@totp-gate/elements';

type Messages = NonNullable<TotpGate['messages']>;

// Dutch, not shipped: give every key of the catalogue (a few are shown here).
const nl: Messages = {
  verify: 'Verifiëren',
  codeLabel: 'Verificatiecode',
  codeHint: 'Voer de code van {digits} cijfers uit je authenticator-app in.',
  // A function message for plurals: the locale is passed in.
  attemptsLeft: ({ count }, locale) =>
    new Intl.PluralRules(locale).select(Number(count)) === 'one'
      ? 'Nog 1 poging voordat het account wordt vergrendeld.'
      : `Nog ${count} pogingen voordat het account wordt vergrendeld.`,
};

for (const element of document.querySelectorAll('totp-gate')) {
  element.messages = nl;
  element.lang = 'nl'; // dates and plurals follow it; missing keys fall back to English
}
