/**
 * The demo's language switch: the four languages TOTP Gate ships. The choice is kept in
 * localStorage and set as `lang` on the gate's region, so the elements (and the few demo words
 * around them) speak it; the rest of the portal stays English.
 */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const KEY = 'acme-language';

/** The portal's own words next to the gate, per language. */
export const GATE_WORDS: Record<Language, { title: string; help: string }> = {
  en: {
    title: 'Second step: your authenticator app',
    help: 'Lost your phone? Use a recovery code, or call the IT desk on extension 4242.',
  },
  de: {
    title: 'Zweiter Schritt: Ihre Authenticator-App',
    help: 'Telefon verloren? Verwenden Sie einen Wiederherstellungscode oder rufen Sie den IT-Service unter Durchwahl 4242 an.',
  },
  fr: {
    title: 'Deuxième étape : votre application d’authentification',
    help: 'Téléphone perdu ? Utilisez un code de récupération ou appelez le service informatique au poste 4242.',
  },
  es: {
    title: 'Segundo paso: su aplicación de autenticación',
    help: '¿Ha perdido el teléfono? Use un código de recuperación o llame al servicio informático, extensión 4242.',
  },
};

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

/** The language chosen before, else English. */
export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(KEY);
    return isLanguage(value) ? value : 'en';
  } catch {
    return 'en';
  }
}

/** Remembers the choice; an unknown value is ignored. Returns the language in force. */
export function storeLanguage(value: string): Language {
  const language = isLanguage(value) ? value : 'en';
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // Storage refused (private mode): the choice lasts until the page reloads.
  }
  return language;
}
