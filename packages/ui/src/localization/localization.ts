/**
 * Every piece of text `@plinto/ui` shows. Strings that embed a value are functions, so a translation can
 * reorder words and choose plural forms. Pass a partial override (deep) as the `localization` prop of the
 * provider or a component; ship a whole object for another language (`es` is included).
 *
 * @example
 * ```tsx
 * const fr: PlintoLocalization = { ...en, locale: 'fr', signIn: { ...en.signIn, title: 'Connexion', submit: 'Se connecter' } }
 * ```
 */
export interface PlintoLocalization {
  /** BCP 47 tag of the language, set as `lang` on the components' root. */
  locale: string
  fields: {
    email: string
    emailOrUsername: string
    password: string
    newPassword: string
    firstName: string
    lastName: string
    /** Appended to the label of optional fields. */
    optional: string
    mfaCode: string
    backupCode: string
  }
  hints: {
    /** Under password fields that set a password. */
    newPassword: (minLength: number) => string
    mfaCode: string
    backupCode: string
  }
  /** Checks done before anything is sent. */
  validation: {
    emailRequired: string
    emailInvalid: string
    identifierRequired: string
    passwordRequired: string
    passwordTooShort: (minLength: number) => string
    passwordTooLong: (maxLength: number) => string
    codeRequired: string
  }
  /** What went wrong on the server or the network, in words for people. */
  errors: {
    invalidCredentials: string
    /** `seconds` is the server's `Retry-After`, when it sent one. */
    rateLimited: (seconds: number | undefined) => string
    weakPassword: string
    emailTaken: string
    invalidMfaCode: string
    /** The MFA step outlived its token (5 minutes) or its attempts. */
    mfaExpired: string
    /** The account's second factor is one this form cannot ask for yet (e.g. SMS only). */
    mfaUnsupported: string
    /** A field the server refused, when there is no more specific message. */
    invalidField: string
    network: string
    timeout: string
    server: string
    generic: string
  }
  signIn: {
    title: string
    subtitle: string
    submit: string
    submitting: string
    forgotPassword: string
    noAccount: string
    signUp: string
    /** The divider between the password form and the alternatives. */
    or: string
    useMagicLink: string
    usePassword: string
    magicLinkSubmit: string
    magicLinkSubmitting: string
    magicLinkSentTitle: string
    magicLinkSentBody: (email: string) => string
    useAnotherEmail: string
    mfaTitle: string
    mfaSubtitle: string
    mfaBackupSubtitle: string
    mfaSubmit: string
    mfaSubmitting: string
    useBackupCode: string
    useAuthenticator: string
    back: string
  }
  signUp: {
    title: string
    subtitle: string
    submit: string
    submitting: string
    haveAccount: string
    signIn: string
    verifyTitle: string
    verifyBody: (email: string) => string
    continue: string
    resend: string
    resending: string
    resent: string
  }
  userButton: {
    /** Accessible name of the avatar button; `name` is the user's full name or, without one, the email. */
    trigger: (name: string) => string
    manageAccount: string
    signOut: string
    signingOut: string
  }
  forgotPassword: {
    title: string
    subtitle: string
    submit: string
    submitting: string
    sentTitle: string
    sentBody: (email: string) => string
    backToSignIn: string
  }
  resetPassword: {
    title: string
    subtitle: string
    submit: string
    submitting: string
    successTitle: string
    successBody: string
    signIn: string
    invalidTitle: string
    invalidBody: string
    requestNewLink: string
  }
  verifyEmail: {
    verifying: string
    successTitle: string
    successBody: string
    continue: string
    invalidTitle: string
    invalidBody: string
    resend: string
    resending: string
    resent: string
  }
  authCallback: {
    verifying: string
    failedTitle: string
    failedBody: string
    backToSignIn: string
  }
}

/**
 * A deep-partial override of {@link PlintoLocalization}: give only the strings you change.
 *
 * @example
 * ```tsx
 * const overrides: LocalizationOverrides = { signIn: { title: 'Welcome back' } }
 * <SignIn localization={overrides} />
 * ```
 */
export type LocalizationOverrides = {
  [K in keyof PlintoLocalization]?: PlintoLocalization[K] extends string ? string : Partial<PlintoLocalization[K]>
}
