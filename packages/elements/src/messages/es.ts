/** Spanish catalogue ("tú", neutral vocabulary). Loaded on demand by `lang="es"`. */
import type { Messages } from './en.js';

const one = (locale: string, n: number) => new Intl.PluralRules(locale).select(n) === 'one';
const minutes = (locale: string, m: number) => `${m} ${one(locale, m) ? 'minuto' : 'minutos'}`;

export const es: Messages = {
  checking: 'Comprobando tu inicio de sesión…',
  verify: 'Verificar',
  verifying: 'Verificando…',
  continue: 'Continuar',
  tryAgain: 'Volver a intentarlo',
  cancel: 'Cancelar',
  codeLabel: 'Código de autenticación',
  codeHint: 'Introduce el código de {digits} dígitos de tu aplicación de autenticación.',
  codeProgress: '{count} de {digits} dígitos',
  codeMissing: 'Introduce el código de {digits} dígitos.',
  codeTooShort: 'Introduce los {digits} dígitos del código.',
  codeTooLong: 'El código solo tiene {digits} dígitos.',
  codeDigitsOnly: 'El código solo contiene dígitos.',
  rememberDevice: ({ count }, locale) =>
    `No volver a preguntar en este dispositivo durante ${one(locale, Number(count)) ? '1 día' : `${count} días`}`,
  attemptsLeft: ({ count }, locale) =>
    one(locale, Number(count))
      ? 'Te queda 1 intento antes del bloqueo.'
      : `Te quedan ${count} intentos antes del bloqueo.`,

  errorInvalidCode: 'Ese código no es correcto. Revisa tu aplicación de autenticación y vuelve a intentarlo.',
  errorCodeReused: 'Ese código ya se ha usado. Espera al siguiente código de tu aplicación.',
  errorLocked: 'Demasiados intentos. Espera antes de volver a intentarlo.',
  errorEnrollmentExpired: 'Esta configuración ha caducado. Empieza de nuevo para obtener un código QR nuevo.',
  errorAlreadyEnrolled: 'Ya hay una aplicación de autenticación configurada para esta cuenta.',
  errorGraceExpired: 'Ya no puedes dejar la configuración para más tarde. Hazla ahora para continuar.',
  errorUnauthenticated: 'Tu sesión se ha cerrado. Vuelve a iniciar sesión para continuar.',
  errorNetwork: 'No hemos podido conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.',
  errorTimeout: 'El servidor ha tardado demasiado en responder. Vuelve a intentarlo.',
  errorBadResponse: 'El servidor ha enviado una respuesta inesperada. Vuelve a intentarlo.',
  errorBadRequest: 'Introduce el código de {digits} dígitos de tu aplicación de autenticación.',
  errorUnsupported: 'Esto no está disponible aquí.',
  clockSkew: ({ minutes: value, direction }, locale) => {
    const span = minutes(locale, Number(value));
    return direction === 'behind'
      ? `Ese código no es válido ahora, pero coincide con la hora de hace ${span}. El reloj de tu teléfono parece ir aproximadamente ${span} atrasado: activa la hora automática y después introduce un código nuevo.`
      : `Ese código no es válido ahora, pero coincide con la hora dentro de ${span}. El reloj de tu teléfono parece ir aproximadamente ${span} adelantado: activa la hora automática y después introduce un código nuevo.`;
  },

  enrollTitle: 'Configurar la autenticación en dos pasos',
  enrollIntro: 'Cada vez que inicies sesión se te pedirá un código de una aplicación de autenticación.',
  enrollStart: 'Configurar una aplicación de autenticación',
  enrollScan:
    'Escanea este código QR con tu aplicación de autenticación (Google Authenticator, Microsoft Authenticator, Authy, 1Password…).',
  enrollEnterCode: 'Introduce el código de {digits} dígitos que muestra la aplicación.',
  enrollAccountShown: 'La aplicación mostrará: {issuer} ({account})',
  manualEntry: '¿No puedes escanearlo? Introduce la clave a mano',
  showQr: 'Escanear un código QR en su lugar',
  manualIntro: 'En tu aplicación, elige introducir una clave de configuración y escribe:',
  issuerLabel: 'Emisor',
  accountLabel: 'Cuenta',
  secretLabel: 'Clave',
  manualDetails: 'Basado en el tiempo. Algoritmo: {algorithm}. Dígitos: {digits}. Periodo: {period} segundos.',
  compatibilityWarning:
    'Esta configuración usa ajustes que algunas aplicaciones de autenticación ignoran ({settings}). Si se rechazan los códigos, usa una aplicación compatible con ellos.',
  copy: 'Copiar',
  copied: 'Clave copiada en el portapapeles.',
  copyFailed: 'No se ha podido copiar. Selecciona la clave y cópiala a mano.',
  qrLabel: 'Código QR para configurar {issuer} para {account} en una aplicación de autenticación',
  qrLabelGeneric: 'Código QR para configurar una aplicación de autenticación',
  qrLoading: 'Cargando el código QR…',
  qrFailed: 'No se ha podido dibujar el código QR. Introduce la clave a mano.',
  startAgain: 'Empezar de nuevo',
  expiresAt: 'Esta configuración es válida hasta {time}.',

  challengeTitle: 'Introduce tu código de autenticación',
  challengeIntro: 'Abre tu aplicación de autenticación e introduce el código de {issuer} ({account}).',
  useRecoveryCode: 'Usar un código de recuperación',
  useAuthenticator: 'Usar tu aplicación de autenticación',
  recoveryLabel: 'Código de recuperación',
  recoveryHint: 'Cada código de recuperación funciona una sola vez. Tiene este aspecto: xxxxx-xxxxx.',
  recoveryCodesLeft: ({ count }, locale) =>
    one(locale, Number(count)) ? 'Te queda 1 código de recuperación.' : `Te quedan ${count} códigos de recuperación.`,

  lockedTitle: 'Demasiados intentos',
  lockedCountdown: 'Podrás volver a intentarlo dentro de {time}.',
  lockedAdmin: 'Tu cuenta está bloqueada. Ponte en contacto con tu administrador para desbloquearla.',
  lockedOver: 'Ya puedes volver a intentarlo.',

  recoveryCodesTitle: 'Guarda tus códigos de recuperación',
  recoveryCodesIntro:
    'Si pierdes el teléfono, cada uno de estos códigos te permite iniciar sesión una vez. Solo se muestran ahora: guárdalos en un lugar seguro.',
  copyAll: 'Copiar todos',
  copiedAll: 'Códigos de recuperación copiados en el portapapeles.',
  copyAllFailed: 'No se han podido copiar. Selecciona los códigos y cópialos a mano.',
  download: 'Descargar (.txt)',
  print: 'Imprimir',
  savedCheckbox: 'He guardado estos códigos',
  recoveryCodesFileHeader: 'Códigos de recuperación de {issuer} ({account}). Cada código funciona una sola vez.',
  recoveryCodesFileHeaderShort: 'Códigos de recuperación. Cada código funciona una sola vez.',

  deferredBanner: 'La autenticación en dos pasos será obligatoria a partir del {date}.',
  graceNotice: 'Puedes hacerlo más tarde, hasta el {date}.',
  setUpNow: 'Configurar ahora',
  later: 'Más tarde',
  exemptNotice: 'Tienes una exención de la autenticación en dos pasos: {reason}.',
  exemptUntil: 'Esta exención termina el {date}.',
  failedTitle: 'Algo ha salido mal',

  lockedRetryAt: 'El bloqueo termina a las {time}.',
  exemptNoticeNoReason: 'Tienes una exención de la autenticación en dos pasos.',
  errorInvalidRecoveryCode: 'Ese código de recuperación no es correcto o ya se ha usado.',
  errorRecoveryCodeReused: 'Ese código de recuperación ya se ha usado.',
  recoveryCodeMissing: 'Introduce un código de recuperación: 10 letras y cifras, como xxxxx-xxxxx.',
  recoveryTitle: 'Iniciar sesión con un código de recuperación',
  enrolledTitle: 'La autenticación en dos pasos está configurada',
  enrolledText: 'A partir de ahora, introduce un código de tu aplicación de autenticación al iniciar sesión.',
  enrollStepScan: 'Escanear el código QR',
  enrollStepManual: 'Introducir la clave a mano',
  enrollStepCode: 'Introducir el código',
  warnAlgorithm: 'el algoritmo {algorithm}',
  warnDigits: 'códigos de {digits} dígitos',
  warnPeriod: 'un periodo de {period} segundos',
  passwordLabel: 'Contraseña',
  passwordHint: 'Vuelve a introducir tu contraseña para configurar una aplicación de autenticación.',
  passwordMissing: 'Introduce tu contraseña.',
};
