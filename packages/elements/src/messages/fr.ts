/**
 * French catalogue ("vous"). Loaded on demand by `lang="fr"`. A no-break space (`\u00a0`) goes
 * before `:` and `?`, as French typography wants.
 */
import type { Messages } from './en.js';

// French counts 0 and 1 as singular ("0 tentative restante"): Intl.PluralRules says so.
const one = (locale: string, n: number) => new Intl.PluralRules(locale).select(n) === 'one';
const minutes = (locale: string, m: number) => `${m}\u00a0${one(locale, m) ? 'minute' : 'minutes'}`;

export const fr: Messages = {
  checking: 'Vérification de votre connexion…',
  verify: 'Vérifier',
  verifying: 'Vérification…',
  continue: 'Continuer',
  tryAgain: 'Réessayer',
  cancel: 'Annuler',
  codeLabel: 'Code d’authentification',
  codeHint: 'Saisissez le code à {digits}\u00a0chiffres de votre application d’authentification.',
  codeProgress: '{count}\u00a0sur {digits}\u00a0chiffres',
  codeMissing: 'Saisissez le code à {digits}\u00a0chiffres.',
  codeTooShort: 'Saisissez les {digits}\u00a0chiffres du code.',
  codeTooLong: 'Le code ne comporte que {digits}\u00a0chiffres.',
  codeDigitsOnly: 'Le code ne contient que des chiffres.',
  rememberDevice: ({ count }, locale) =>
    `Ne plus demander sur cet appareil pendant ${count}\u00a0${one(locale, Number(count)) ? 'jour' : 'jours'}`,
  attemptsLeft: ({ count }, locale) =>
    one(locale, Number(count))
      ? `${count}\u00a0tentative restante avant le blocage.`
      : `${count}\u00a0tentatives restantes avant le blocage.`,

  errorInvalidCode: 'Ce code n’est pas correct. Vérifiez votre application d’authentification et réessayez.',
  errorCodeReused: 'Ce code a déjà été utilisé. Attendez le code suivant dans votre application.',
  errorLocked: 'Trop de tentatives. Patientez avant de réessayer.',
  errorEnrollmentExpired: 'Cette configuration a expiré. Recommencez pour obtenir un nouveau code QR.',
  errorAlreadyEnrolled: 'Une application d’authentification est déjà configurée pour ce compte.',
  errorGraceExpired:
    'Le délai pour effectuer la configuration plus tard est écoulé. Effectuez-la maintenant pour continuer.',
  errorUnauthenticated: 'Votre session est fermée. Reconnectez-vous pour continuer.',
  errorNetwork: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  errorTimeout: 'Le serveur a mis trop de temps à répondre. Réessayez.',
  errorBadResponse: 'Le serveur a envoyé une réponse inattendue. Réessayez.',
  errorBadRequest: 'Saisissez le code à {digits}\u00a0chiffres de votre application d’authentification.',
  errorUnsupported: 'Cette fonction n’est pas disponible ici.',
  clockSkew: ({ minutes: value, direction }, locale) => {
    const span = minutes(locale, Number(value));
    return direction === 'behind'
      ? `Ce code n’est pas valable maintenant, mais il correspond à l’heure qu’il était il y a ${span}. L’horloge de votre téléphone semble retarder d’environ ${span}\u00a0: activez l’heure automatique, puis saisissez un nouveau code.`
      : `Ce code n’est pas valable maintenant, mais il correspond à l’heure qu’il sera dans ${span}. L’horloge de votre téléphone semble avancer d’environ ${span}\u00a0: activez l’heure automatique, puis saisissez un nouveau code.`;
  },

  enrollTitle: 'Configurer l’authentification à deux facteurs',
  enrollIntro: 'Un code issu d’une application d’authentification est demandé à chaque connexion.',
  enrollStart: 'Configurer une application d’authentification',
  enrollScan:
    'Scannez ce code QR avec votre application d’authentification (Google Authenticator, Microsoft Authenticator, Authy, 1Password…).',
  enrollEnterCode: 'Saisissez le code à {digits}\u00a0chiffres affiché par l’application.',
  enrollAccountShown: 'L’application affichera\u00a0: {issuer} ({account})',
  manualEntry: 'Impossible de scanner\u00a0? Saisissez la clé à la main',
  showQr: 'Scanner plutôt un code QR',
  manualIntro: 'Dans votre application, choisissez de saisir une clé de configuration, puis tapez\u00a0:',
  issuerLabel: 'Émetteur',
  accountLabel: 'Compte',
  secretLabel: 'Clé',
  manualDetails:
    'Basé sur l’heure. Algorithme\u00a0: {algorithm}. Chiffres\u00a0: {digits}. Période\u00a0: {period}\u00a0secondes.',
  compatibilityWarning:
    'Cette configuration utilise des réglages que certaines applications d’authentification ignorent ({settings}). Si les codes sont refusés, utilisez une application qui les prend en charge.',
  copy: 'Copier',
  copied: 'Clé copiée dans le presse-papiers.',
  copyFailed: 'Impossible de copier. Sélectionnez la clé et copiez-la à la main.',
  qrLabel: 'Code QR pour configurer {issuer} pour {account} dans une application d’authentification',
  qrLabelGeneric: 'Code QR pour configurer une application d’authentification',
  qrLoading: 'Chargement du code QR…',
  qrFailed: 'Le code QR n’a pas pu être affiché. Saisissez plutôt la clé à la main.',
  startAgain: 'Recommencer',
  expiresAt: 'Cette configuration reste valable jusqu’à {time}.',

  challengeTitle: 'Saisissez votre code d’authentification',
  challengeIntro: 'Ouvrez votre application d’authentification et saisissez le code de {issuer} ({account}).',
  useRecoveryCode: 'Utiliser un code de récupération',
  useAuthenticator: 'Utiliser votre application d’authentification',
  recoveryLabel: 'Code de récupération',
  recoveryHint: 'Chaque code de récupération ne fonctionne qu’une fois. Il ressemble à xxxxx-xxxxx.',
  recoveryCodesLeft: ({ count }, locale) =>
    one(locale, Number(count))
      ? `${count}\u00a0code de récupération restant.`
      : `${count}\u00a0codes de récupération restants.`,

  lockedTitle: 'Trop de tentatives',
  lockedCountdown: 'Vous pourrez réessayer dans {time}.',
  lockedAdmin: 'Votre compte est bloqué. Contactez votre administrateur pour le débloquer.',
  lockedOver: 'Vous pouvez réessayer maintenant.',

  recoveryCodesTitle: 'Enregistrez vos codes de récupération',
  recoveryCodesIntro:
    'Si vous perdez votre téléphone, chacun de ces codes vous permet de vous connecter une fois. Ils ne s’affichent que maintenant\u00a0: conservez-les en lieu sûr.',
  copyAll: 'Tout copier',
  copiedAll: 'Codes de récupération copiés dans le presse-papiers.',
  copyAllFailed: 'Impossible de copier. Sélectionnez les codes et copiez-les à la main.',
  download: 'Télécharger (.txt)',
  print: 'Imprimer',
  savedCheckbox: 'J’ai enregistré ces codes',
  recoveryCodesFileHeader: 'Codes de récupération pour {issuer} ({account}). Chaque code ne fonctionne qu’une fois.',
  recoveryCodesFileHeaderShort: 'Codes de récupération. Chaque code ne fonctionne qu’une fois.',

  deferredBanner: 'L’authentification à deux facteurs sera obligatoire à partir du {date}.',
  graceNotice: 'Vous pouvez le faire plus tard, jusqu’au {date}.',
  setUpNow: 'Configurer maintenant',
  later: 'Plus tard',
  exemptNotice: 'Vous bénéficiez d’une exemption d’authentification à deux facteurs\u00a0: {reason}.',
  exemptUntil: 'Cette exemption prend fin le {date}.',
  failedTitle: 'Une erreur s’est produite',

  lockedRetryAt: 'Le blocage prend fin à {time}.',
  exemptNoticeNoReason: 'Vous bénéficiez d’une exemption d’authentification à deux facteurs.',
  errorInvalidRecoveryCode: 'Ce code de récupération n’est pas correct ou a déjà été utilisé.',
  errorRecoveryCodeReused: 'Ce code de récupération a déjà été utilisé.',
  recoveryCodeMissing: 'Saisissez un code de récupération : 10 lettres et chiffres, comme xxxxx-xxxxx.',
  recoveryTitle: 'Se connecter avec un code de récupération',
  enrolledTitle: 'L’authentification à deux facteurs est configurée',
  enrolledText: 'Désormais, saisissez un code de votre application d’authentification à chaque connexion.',
  enrollStepScan: 'Scanner le code QR',
  enrollStepManual: 'Saisir la clé à la main',
  enrollStepCode: 'Saisir le code',
  warnAlgorithm: 'l’algorithme {algorithm}',
  warnDigits: 'des codes à {digits}\u00a0chiffres',
  warnPeriod: 'une période de {period}\u00a0secondes',
  passwordLabel: 'Mot de passe',
  passwordHint: 'Saisissez de nouveau votre mot de passe pour configurer une application d’authentification.',
  passwordMissing: 'Saisissez votre mot de passe.',
};
