import type { PlintoLocalization } from './localization'

function retryIn(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return 'Demasiados intentos. Espera un momento y vuelve a intentarlo.'
  if (seconds < 60) return `Demasiados intentos. Vuelve a intentarlo en ${seconds} ${seconds === 1 ? 'segundo' : 'segundos'}.`
  const minutes = Math.ceil(seconds / 60)
  return `Demasiados intentos. Vuelve a intentarlo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}.`
}

/**
 * Spanish text.
 *
 * @example
 * ```tsx
 * import { PlintoProvider, es } from '@plinto/ui'
 * <PlintoProvider client={plinto} localization={es}>…</PlintoProvider>
 * ```
 */
export const es: PlintoLocalization = {
  locale: 'es',
  fields: {
    email: 'Correo electrónico',
    emailOrUsername: 'Correo electrónico o nombre de usuario',
    password: 'Contraseña',
    newPassword: 'Nueva contraseña',
    firstName: 'Nombre',
    lastName: 'Apellidos',
    optional: '(opcional)',
    mfaCode: 'Código de verificación',
    backupCode: 'Código de respaldo',
  },
  hints: {
    newPassword: (min) => `Al menos ${min} caracteres. Unas cuantas palabras que puedas recordar funcionan bien.`,
    mfaCode: 'Introduce el código de 6 dígitos de tu aplicación de autenticación.',
    backupCode: 'Introduce uno de los códigos de respaldo que guardaste al activar la verificación en dos pasos.',
  },
  validation: {
    emailRequired: 'Introduce tu correo electrónico.',
    emailInvalid: 'Introduce un correo como nombre@ejemplo.com.',
    identifierRequired: 'Introduce tu correo electrónico o nombre de usuario.',
    passwordRequired: 'Introduce tu contraseña.',
    passwordTooShort: (min) => `Usa al menos ${min} caracteres.`,
    passwordTooLong: (max) => `Usa como máximo ${max} caracteres.`,
    codeRequired: 'Introduce el código.',
  },
  errors: {
    invalidCredentials: 'El correo electrónico o la contraseña no son correctos.',
    rateLimited: retryIn,
    weakPassword: 'Esta contraseña es demasiado fácil de adivinar. Elige una más larga o menos común.',
    emailTaken: 'Ya existe una cuenta con este correo. Inicia sesión.',
    invalidMfaCode: 'Ese código no es válido. Revísalo y vuelve a intentarlo.',
    mfaExpired: 'El inicio de sesión ha tardado demasiado. Vuelve a iniciar sesión.',
    mfaUnsupported: 'Esta cuenta usa un tipo de verificación en dos pasos que este formulario aún no admite.',
    invalidField: 'Revisa este valor y vuelve a intentarlo.',
    network: 'No hemos podido conectar con el servidor. Revisa tu conexión y vuelve a intentarlo.',
    timeout: 'El servidor ha tardado demasiado en responder. Vuelve a intentarlo.',
    server: 'Algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.',
    generic: 'Algo ha fallado. Vuelve a intentarlo.',
  },
  signIn: {
    title: 'Iniciar sesión',
    subtitle: 'Hola de nuevo. Inicia sesión para continuar.',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
    forgotPassword: '¿Has olvidado la contraseña?',
    noAccount: '¿Aún no tienes cuenta?',
    signUp: 'Regístrate',
    or: 'o',
    useMagicLink: 'Envíame un enlace de acceso',
    usePassword: 'Iniciar sesión con contraseña',
    magicLinkSubmit: 'Enviar enlace de acceso',
    magicLinkSubmitting: 'Enviando…',
    magicLinkSentTitle: 'Revisa tu correo',
    magicLinkSentBody: (email) => `Si existe una cuenta para ${email}, le hemos enviado un enlace de acceso. Funciona una sola vez y caduca en 15 minutos.`,
    useAnotherEmail: 'Usar otro correo',
    mfaTitle: 'Verificación en dos pasos',
    mfaSubtitle: 'Abre tu aplicación de autenticación para obtener el código.',
    mfaBackupSubtitle: 'Usa uno de tus códigos de respaldo. Cada código funciona una vez.',
    mfaSubmit: 'Verificar',
    mfaSubmitting: 'Verificando…',
    useBackupCode: 'Usar un código de respaldo',
    useAuthenticator: 'Usar la aplicación de autenticación',
    back: 'Volver a iniciar sesión',
  },
  signUp: {
    title: 'Crea tu cuenta',
    subtitle: 'Tardarás menos de un minuto.',
    submit: 'Crear cuenta',
    submitting: 'Creando cuenta…',
    haveAccount: '¿Ya tienes cuenta?',
    signIn: 'Inicia sesión',
    verifyTitle: 'Verifica tu correo',
    verifyBody: (email) => `Hemos enviado un enlace de verificación a ${email}. Ábrelo para confirmar tu dirección.`,
    continue: 'Continuar',
    resend: 'Volver a enviar el correo',
    resending: 'Enviando…',
    resent: 'Hemos enviado un nuevo correo de verificación.',
  },
  userButton: {
    trigger: (name) => `Menú de la cuenta de ${name}`,
    manageAccount: 'Gestionar cuenta',
    signOut: 'Cerrar sesión',
    signingOut: 'Cerrando sesión…',
  },
  forgotPassword: {
    title: 'Restablece tu contraseña',
    subtitle: 'Introduce tu correo y te enviaremos un enlace para elegir una nueva contraseña.',
    submit: 'Enviar enlace',
    submitting: 'Enviando…',
    sentTitle: 'Revisa tu correo',
    sentBody: (email) => `Si existe una cuenta para ${email}, le hemos enviado un enlace para restablecer la contraseña. Caduca en 15 minutos.`,
    backToSignIn: 'Volver a iniciar sesión',
  },
  resetPassword: {
    title: 'Elige una nueva contraseña',
    subtitle: 'Se cerrará tu sesión en todos los dispositivos.',
    submit: 'Restablecer contraseña',
    submitting: 'Restableciendo…',
    successTitle: 'Contraseña cambiada',
    successBody: 'Tu contraseña se ha cambiado. Inicia sesión con la nueva contraseña.',
    signIn: 'Iniciar sesión',
    invalidTitle: 'Este enlace no funciona',
    invalidBody: 'El enlace para restablecer la contraseña ha caducado o ya se ha usado.',
    requestNewLink: 'Solicitar un nuevo enlace',
  },
  verifyEmail: {
    verifying: 'Verificando tu correo…',
    successTitle: 'Correo verificado',
    successBody: 'Gracias. Tu dirección de correo está confirmada.',
    continue: 'Continuar',
    invalidTitle: 'Este enlace no funciona',
    invalidBody: 'El enlace de verificación ha caducado o ya se ha usado.',
    resend: 'Enviar un nuevo enlace',
    resending: 'Enviando…',
    resent: 'Hemos enviado un nuevo correo de verificación.',
  },
  authCallback: {
    verifying: 'Iniciando sesión…',
    failedTitle: 'Este enlace de acceso no funciona',
    failedBody: 'El enlace ha caducado o ya se ha usado. Solicita uno nuevo.',
    backToSignIn: 'Volver a iniciar sesión',
  },
}
