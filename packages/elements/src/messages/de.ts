/** German catalogue (formal "Sie"). Loaded on demand by `lang="de"`. */
import type { Messages } from './en.js';

const one = (locale: string, n: number) => new Intl.PluralRules(locale).select(n) === 'one';
const minutes = (locale: string, m: number) => `${m} ${one(locale, m) ? 'Minute' : 'Minuten'}`;

export const de: Messages = {
  checking: 'Ihre Anmeldung wird geprüft…',
  verify: 'Bestätigen',
  verifying: 'Wird geprüft…',
  continue: 'Weiter',
  tryAgain: 'Erneut versuchen',
  cancel: 'Abbrechen',
  codeLabel: 'Authentifizierungscode',
  codeHint: 'Geben Sie den {digits}-stelligen Code aus Ihrer Authenticator-App ein.',
  codeProgress: '{count} von {digits} Ziffern',
  codeMissing: 'Geben Sie den {digits}-stelligen Code ein.',
  codeTooShort: 'Geben Sie alle {digits} Ziffern des Codes ein.',
  codeTooLong: 'Der Code hat nur {digits} Ziffern.',
  codeDigitsOnly: 'Der Code besteht nur aus Ziffern.',
  rememberDevice: ({ count }, locale) =>
    `Auf diesem Gerät ${one(locale, Number(count)) ? '1 Tag' : `${count} Tage`} lang nicht mehr fragen`,
  attemptsLeft: ({ count }, locale) =>
    one(locale, Number(count)) ? 'Noch 1 Versuch bis zur Sperre.' : `Noch ${count} Versuche bis zur Sperre.`,

  errorInvalidCode: 'Dieser Code ist nicht richtig. Prüfen Sie Ihre Authenticator-App und versuchen Sie es erneut.',
  errorCodeReused: 'Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten Code in Ihrer App.',
  errorLocked: 'Zu viele Versuche. Warten Sie, bevor Sie es erneut versuchen.',
  errorEnrollmentExpired: 'Diese Einrichtung ist abgelaufen. Beginnen Sie neu, um einen neuen QR-Code zu erhalten.',
  errorAlreadyEnrolled: 'Für dieses Konto ist bereits eine Authenticator-App eingerichtet.',
  errorGraceExpired:
    'Die Frist für eine spätere Einrichtung ist abgelaufen. Richten Sie sie jetzt ein, um fortzufahren.',
  errorUnauthenticated: 'Sie sind abgemeldet. Melden Sie sich erneut an, um fortzufahren.',
  errorNetwork: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errorTimeout: 'Der Server hat zu lange nicht geantwortet. Versuchen Sie es erneut.',
  errorBadResponse: 'Der Server hat eine unerwartete Antwort gesendet. Versuchen Sie es erneut.',
  errorBadRequest: 'Geben Sie den {digits}-stelligen Code aus Ihrer Authenticator-App ein.',
  errorUnsupported: 'Das ist hier nicht verfügbar.',
  clockSkew: ({ minutes: value, direction }, locale) => {
    const span = minutes(locale, Number(value));
    return direction === 'behind'
      ? `Dieser Code gilt gerade nicht, passt aber zur Uhrzeit vor ${span}. Die Uhr Ihres Telefons geht anscheinend etwa ${span} nach: Stellen Sie die automatische Uhrzeit ein und geben Sie dann einen neuen Code ein.`
      : `Dieser Code gilt gerade nicht, passt aber zur Uhrzeit in ${span}. Die Uhr Ihres Telefons geht anscheinend etwa ${span} vor: Stellen Sie die automatische Uhrzeit ein und geben Sie dann einen neuen Code ein.`;
  },

  enrollTitle: 'Zwei-Faktor-Authentifizierung einrichten',
  enrollIntro: 'Bei jeder Anmeldung ist ein Code aus einer Authenticator-App erforderlich.',
  enrollStart: 'Authenticator-App einrichten',
  enrollScan:
    'Scannen Sie diesen QR-Code mit Ihrer Authenticator-App (Google Authenticator, Microsoft Authenticator, Authy, 1Password…).',
  enrollEnterCode: 'Geben Sie den {digits}-stelligen Code ein, den die App anzeigt.',
  enrollAccountShown: 'Die App zeigt an: {issuer} ({account})',
  manualEntry: 'Scannen nicht möglich? Schlüssel manuell eingeben',
  showQr: 'Stattdessen einen QR-Code scannen',
  manualIntro: 'Wählen Sie in Ihrer App die Eingabe eines Einrichtungsschlüssels und geben Sie ein:',
  issuerLabel: 'Aussteller',
  accountLabel: 'Konto',
  secretLabel: 'Schlüssel',
  manualDetails: 'Zeitbasiert. Algorithmus: {algorithm}. Ziffern: {digits}. Intervall: {period} Sekunden.',
  compatibilityWarning:
    'Diese Einrichtung verwendet Einstellungen, die manche Authenticator-Apps ignorieren ({settings}). Wenn die Codes abgelehnt werden, verwenden Sie eine App, die sie unterstützt.',
  copy: 'Kopieren',
  copied: 'Schlüssel in die Zwischenablage kopiert.',
  copyFailed: 'Kopieren nicht möglich. Markieren Sie den Schlüssel und kopieren Sie ihn manuell.',
  qrLabel: 'QR-Code zum Einrichten von {issuer} für {account} in einer Authenticator-App',
  qrLabelGeneric: 'QR-Code zum Einrichten einer Authenticator-App',
  qrLoading: 'QR-Code wird geladen…',
  qrFailed: 'Der QR-Code konnte nicht gezeichnet werden. Geben Sie den Schlüssel stattdessen manuell ein.',
  startAgain: 'Neu beginnen',
  expiresAt: 'Diese Einrichtung ist bis {time} gültig.',

  challengeTitle: 'Authentifizierungscode eingeben',
  challengeIntro: 'Öffnen Sie Ihre Authenticator-App und geben Sie den Code für {issuer} ({account}) ein.',
  useRecoveryCode: 'Wiederherstellungscode verwenden',
  useAuthenticator: 'Authenticator-App verwenden',
  recoveryLabel: 'Wiederherstellungscode',
  recoveryHint: 'Jeder Wiederherstellungscode funktioniert nur einmal. Er sieht so aus: xxxxx-xxxxx.',
  recoveryCodesLeft: ({ count }, locale) =>
    one(locale, Number(count))
      ? 'Noch 1 Wiederherstellungscode übrig.'
      : `Noch ${count} Wiederherstellungscodes übrig.`,

  lockedTitle: 'Zu viele Versuche',
  lockedCountdown: 'Sie können es in {time} erneut versuchen.',
  lockedAdmin: 'Ihr Konto ist gesperrt. Wenden Sie sich zum Entsperren an Ihren Administrator.',
  lockedOver: 'Sie können es jetzt erneut versuchen.',

  recoveryCodesTitle: 'Wiederherstellungscodes speichern',
  recoveryCodesIntro:
    'Wenn Sie Ihr Telefon verlieren, können Sie sich mit jedem dieser Codes einmal anmelden. Sie werden nur jetzt angezeigt: Bewahren Sie sie an einem sicheren Ort auf.',
  copyAll: 'Alle kopieren',
  copiedAll: 'Wiederherstellungscodes in die Zwischenablage kopiert.',
  copyAllFailed: 'Kopieren nicht möglich. Markieren Sie die Codes und kopieren Sie sie manuell.',
  download: 'Herunterladen (.txt)',
  print: 'Drucken',
  savedCheckbox: 'Ich habe diese Codes gespeichert',
  recoveryCodesFileHeader: 'Wiederherstellungscodes für {issuer} ({account}). Jeder Code funktioniert nur einmal.',
  recoveryCodesFileHeaderShort: 'Wiederherstellungscodes. Jeder Code funktioniert nur einmal.',

  deferredBanner: 'Ab {date} ist die Zwei-Faktor-Authentifizierung Pflicht.',
  graceNotice: 'Sie können das später erledigen, bis {date}.',
  setUpNow: 'Jetzt einrichten',
  later: 'Später',
  exemptNotice: 'Sie sind von der Zwei-Faktor-Authentifizierung ausgenommen: {reason}.',
  exemptUntil: 'Diese Ausnahme endet am {date}.',
  failedTitle: 'Etwas ist schiefgelaufen',

  lockedRetryAt: 'Die Sperre endet um {time}.',
  exemptNoticeNoReason: 'Sie sind von der Zwei-Faktor-Authentifizierung ausgenommen.',
  errorInvalidRecoveryCode: 'Dieser Wiederherstellungscode ist nicht richtig oder wurde bereits verwendet.',
  errorRecoveryCodeReused: 'Dieser Wiederherstellungscode wurde bereits verwendet.',
  recoveryCodeMissing: 'Geben Sie einen Wiederherstellungscode ein: 10 Buchstaben und Ziffern, etwa xxxxx-xxxxx.',
  recoveryTitle: 'Mit einem Wiederherstellungscode anmelden',
  enrolledTitle: 'Die Zwei-Faktor-Authentifizierung ist eingerichtet',
  enrolledText: 'Geben Sie ab jetzt bei jeder Anmeldung einen Code aus Ihrer Authenticator-App ein.',
  enrollStepScan: 'QR-Code scannen',
  enrollStepManual: 'Schlüssel manuell eingeben',
  enrollStepCode: 'Code eingeben',
  warnAlgorithm: 'den Algorithmus {algorithm}',
  warnDigits: '{digits}-stellige Codes',
  warnPeriod: 'ein Intervall von {period} Sekunden',
  passwordLabel: 'Passwort',
  passwordHint: 'Geben Sie Ihr Passwort erneut ein, um eine Authenticator-App einzurichten.',
  passwordMissing: 'Geben Sie Ihr Passwort ein.',
};
