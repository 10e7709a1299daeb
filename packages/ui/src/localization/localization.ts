// Over 300 lines on purpose: the PlintoLocalization type is the documented list of every string @plinto/ui
// shows, grouped by component; translators read it as one page.

/**
 * Every piece of text `@plinto/ui` shows. Strings that embed a value are functions, so a translation can
 * reorder words and choose plural forms. Pass a partial override (deep) as the `localization` prop of the
 * provider or a component; ship a whole object for another language (`es` is included).
 *
 * @example
 * ```tsx
 * const fr: PlintoLocalization = {
 *   ...en,
 *   locale: 'fr',
 *   signIn: { ...en.signIn, title: 'Connexion', submit: 'Se connecter' },
 * }
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
    smsCode: string
    currentPassword: string
    username: string
    avatarUrl: string
    phone: string
    organizationName: string
    slug: string
    description: string
    role: string
    passkeyName: string
  }
  hints: {
    /** Under password fields that set a password. */
    newPassword: (minLength: number) => string
    mfaCode: string
    backupCode: string
    /**
     * Under the SMS code field: where the code was sent; `phone` is the number the code went to, or undefined when it
     * is not known (en: `We texted a 6-digit code to ${phone}.`).
     */
    smsCode: (phone: string | undefined) => string
    phone: string
    slug: string
    avatarUrl: string
  }
  /** Checks done before anything is sent. */
  validation: {
    emailRequired: string
    emailInvalid: string
    identifierRequired: string
    passwordRequired: string
    /** The password is shorter than allowed; `minLength` is the minimum (en: `Use at least ${min} characters.`). */
    passwordTooShort: (minLength: number) => string
    /** The password is longer than allowed; `maxLength` is the maximum (en: `Use at most ${max} characters.`). */
    passwordTooLong: (maxLength: number) => string
    codeRequired: string
    nameRequired: string
    slugInvalid: string
    phoneInvalid: string
    urlInvalid: string
  }
  /** What went wrong on the server or the network, in words for people. */
  errors: {
    invalidCredentials: string
    /** `seconds` is the server's `Retry-After`, when it sent one. */
    rateLimited: (seconds: number | undefined) => string
    weakPassword: string
    emailTaken: string
    invalidMfaCode: string
    /** An emailed code that is wrong; more attempts are left. */
    invalidEmailCode: string
    /** No live emailed code: it expired, was used, or a newer one replaced it. */
    emailCodeExpired: string
    /** The wrong code that used up the attempts of an emailed code. */
    emailCodeAttemptsExceeded: string
    /** The server does not offer emailed codes. */
    emailCodesDisabled: string
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
    slugTaken: string
    usernameTaken: string
    /** The server refused an action the user's role does not allow. */
    forbidden: string
    notFound: string
    currentPasswordWrong: string
    passkeyNotSupported: string
    passkeyCancelled: string
    passkeyFailed: string
    oauthStateMismatch: string
    oauthFailed: string
    /** A list or a section could not be loaded. */
    loadFailed: string
    retry: string
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
    /**
     * Body of the "check your email" screen after a magic link was requested; `email` is the address typed. Must not
     * confirm the account exists.
     */
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
    usePasskey: string
    passkeySigningIn: string
    /** The browser has no passkeys (or this page cannot use them). */
    passkeyUnavailable: string
    /**
     * Label of an OAuth provider's button; `provider` is its display name, e.g. `GitHub` (en:
     * `Continue with ${provider}`).
     */
    continueWith: (provider: string) => string
    /**
     * The same button while the browser is being sent to the provider; `provider` is its display name (en:
     * `Redirecting to ${provider}…`).
     */
    redirecting: (provider: string) => string
    /**
     * Subtitle of the MFA step when answering with an SMS code; `phone` is the number the code went to, or undefined
     * when it is not known.
     */
    mfaSmsSubtitle: (phone: string | undefined) => string
    useSms: string
    sendSms: string
    sendingSms: string
    smsSent: string
    resendSms: string
    /** Offers signing in with a code emailed to the address (shown when the app enables it). */
    useEmailCode: string
  }
  /** The emailed one-time code step of SignIn ("Email me a code") and SignUp (verify the address with a code). */
  emailCode: {
    /** Label of the code field. */
    field: string
    /** Under the code field; `email` is where the code went. */
    hint: (email: string) => string
    /** What happened after a send; the text does not tell whether an account exists. */
    sent: (email: string) => string
    /** Button that sends a code for signing in. */
    send: string
    sending: string
    /** Submit of the code step when signing in. */
    submit: string
    submitting: string
    /** Submit of the code step when verifying an address. */
    verify: string
    verifying: string
    /** Sends a new code (the previous one stops working). */
    resend: string
    /** The resend button while it waits; `seconds` until it can be used. */
    resendIn: (seconds: number) => string
    resent: string
    useAnotherEmail: string
  }
  signUp: {
    title: string
    subtitle: string
    submit: string
    submitting: string
    haveAccount: string
    signIn: string
    verifyTitle: string
    /** Body of the "verify your email" screen after sign-up; `email` is the new account's address. */
    verifyBody: (email: string) => string
    continue: string
    resend: string
    resending: string
    resent: string
    /** On the "verify your email" screen: type the emailed code instead of opening the link. */
    useCode: string
    /** Shown once the address is verified with a code. */
    verified: string
  }
  userButton: {
    /** Accessible name of the avatar button; `name` is the user's full name or, without one, the email. */
    trigger: (name: string) => string
    manageAccount: string
    signOut: string
    signingOut: string
    /** Heading of the organizations group of the menu. */
    organizations: string
    personalAccount: string
    /** Accessible state of the active organization's item. */
    active: string
  }
  forgotPassword: {
    title: string
    subtitle: string
    submit: string
    submitting: string
    sentTitle: string
    /**
     * Body of the screen shown after a reset link was requested; `email` is the address typed. Must not confirm the
     * account exists.
     */
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
    oauthFailedTitle: string
    oauthStateMismatchBody: string
    oauthFailedBody: string
  }
  roles: {
    owner: string
    admin: string
    member: string
  }
  userProfile: {
    title: string
    loading: string
    profileTitle: string
    profileSave: string
    profileSaving: string
    profileSaved: string
    passwordTitle: string
    passwordSave: string
    passwordSaving: string
    passwordSaved: string
    mfaTitle: string
    mfaOn: string
    mfaOff: string
    totpTitle: string
    totpOn: string
    totpOff: string
    totpStart: string
    totpStarting: string
    totpScan: string
    totpQrAlt: string
    totpManual: string
    totpVerify: string
    totpVerifying: string
    totpEnabled: string
    cancel: string
    backupCodesTitle: string
    backupCodesBody: string
    /** How many unused backup codes are left; `count` is that number (pluralise on it). */
    backupCodesRemaining: (count: number) => string
    backupCodesDone: string
    regenerate: string
    regenerating: string
    regenerateHint: string
    disableTotp: string
    disabling: string
    disableHint: string
    totpDisabled: string
    smsTitle: string
    smsOn: string
    smsStart: string
    smsStarting: string
    /** Shown while setting up SMS, after the code was sent; `phone` is the number being verified. */
    smsSentTo: (phone: string) => string
    smsVerify: string
    smsVerifying: string
    smsEnabled: string
    disableSms: string
    smsDisabled: string
    passkeysTitle: string
    passkeysEmpty: string
    passkeyAdd: string
    passkeyAdding: string
    passkeyAdded: string
    passkeyUnsupported: string
    /** When a passkey was registered; `date` is already formatted for the locale (en: `Added ${date}`). */
    passkeyCreated: (date: string) => string
    /**
     * When a passkey last signed in, shown after `passkeyCreated`; `date` is formatted for the locale (en:
     * `last used ${date}`).
     */
    passkeyLastUsed: (date: string) => string
    passkeyNeverUsed: string
    rename: string
    save: string
    saving: string
    delete: string
    deleting: string
    passkeyDeleted: string
    sessionsTitle: string
    thisDevice: string
    /** When a session was last used; `date` is formatted for the locale (en: `Last active ${date}`). */
    lastActive: (date: string) => string
    revoke: string
    revoking: string
    revokeAll: string
    revokingAll: string
    /** Confirmation after "sign out other devices"; `count` is how many sessions ended (pluralise on it). */
    revokedAll: (count: number) => string
    revoked: string
    unknownDevice: string
  }
  organizationSwitcher: {
    /** Accessible name of the button; `name` is the active organization or the personal account. */
    trigger: (name: string) => string
    personalAccount: string
    createOrganization: string
    loading: string
  }
  createOrganization: {
    title: string
    subtitle: string
    submit: string
    submitting: string
  }
  organizationProfile: {
    title: string
    noOrganization: string
    detailsTitle: string
    save: string
    saving: string
    saved: string
    readOnly: string
    membersTitle: string
    you: string
    /** Accessible name of a member's role picker; `name` is the member's full name or email (en: `Role of ${name}`). */
    changeRole: (name: string) => string
    remove: string
    removing: string
    leave: string
    removed: string
    roleChanged: string
    invitationsTitle: string
    invite: string
    inviting: string
    /** Confirmation after an invitation was sent; `email` is the invitee's address. */
    invited: (email: string) => string
    invitationsEmpty: string
    /** When a pending invitation expires; `date` is formatted for the locale (en: `expires ${date}`). */
    invitationExpires: (date: string) => string
    revoke: string
    revoking: string
    revoked: string
  }
  /**
   * The parts shared by the account screens (UserProfile, OrganizationProfile, MfaSetup, PasskeySetup): pane
   * navigation, dialogs, row menus with their confirmations, and the states of lists.
   */
  account: {
    /** Accessible name of UserProfile's pane navigation. */
    userPanes: string
    /** Accessible name of OrganizationProfile's pane navigation. */
    organizationPanes: string
    paneAccount: string
    paneSecurity: string
    paneSessions: string
    paneGeneral: string
    paneMembers: string
    paneInvitations: string
    /** The close button of the account dialog (UserButton's "Manage account", OrganizationSwitcher's "Manage organization"). */
    close: string
    cancel: string
    /** Accessible name of a row's menu button; `name` is what the row shows (a member, a device, a passkey). */
    rowActions: (name: string) => string
    /** Menu item that gives a member another role; `role` is the role's name (en: `Make ${role}`). */
    makeRole: (role: string) => string
    /** Confirmation of a role change; `name` is the member, `role` the new role's name. */
    confirmRoleTitle: (name: string, role: string) => string
    confirmRoleBody: string
    confirmRole: string
    /** Confirmation of removing a member; `name` is the member's full name or email (en: `Remove ${name}?`). */
    confirmRemoveTitle: (name: string) => string
    confirmRemoveBody: string
    leaveTitle: string
    leaveBody: string
    /** Why the last owner cannot leave. */
    leaveLastOwner: string
    confirmLeaveTitle: string
    confirmLeaveBody: string
    /** `email` is the invitee's address. */
    confirmRevokeInvitationTitle: (email: string) => string
    confirmRevokeInvitationBody: string
    /** `device` is the session's browser and system (en: `Sign out ${device}?`). */
    confirmRevokeSessionTitle: (device: string) => string
    confirmRevokeSessionBody: string
    /** Said instead of `confirmRevokeSessionBody` for the session in use. */
    confirmRevokeCurrentBody: string
    confirmRevokeAllTitle: string
    confirmRevokeAllBody: string
    /** `name` is the passkey's name. */
    confirmDeletePasskeyTitle: (name: string) => string
    confirmDeletePasskeyBody: string
    membersEmpty: string
    sessionsEmpty: string
    mfaSetupTitle: string
    mfaSetupSubtitle: string
    passkeySetupTitle: string
    passkeySetupSubtitle: string
    /** OrganizationSwitcher's menu item that opens OrganizationProfile. */
    manageOrganization: string
    /**
     * LAST_SIGN_IN_METHOD: the server refused to delete a passkey or unlink an identity because it is the
     * account's only way left to sign in.
     */
    lastSignInMethod: string
    /** UserProfile's "Delete account" danger zone (Account pane): its title, what deleting means, its button. */
    deleteAccountTitle: string
    deleteAccountBody: string
    deleteAccount: string
    deletingAccount: string
    confirmDeleteAccountTitle: string
    confirmDeleteAccountBody: string
    /** Under the password field of the confirmation (accounts with a password). */
    confirmDeleteAccountPasswordHint: string
  }
  /** The dialog that asks the person to prove again who they are before a sensitive action (ReauthenticationDialog). */
  reauthentication: {
    title: string
    description: string
    confirm: string
    confirming: string
    cancel: string
    /** Under the TOTP code field. */
    codeHint: string
    wrongPassword: string
    usePassword: string
    useCode: string
    useBackupCode: string
    usePasskey: string
    /** What the passkey button says while the browser's prompt is open. */
    passkeyWaiting: string
    /** The account has no way to confirm here (magic link or OAuth only): it must sign in again. */
    signInAgain: string
    signOut: string
    /** Shown where a sensitive action was refused because the person cancelled the dialog. */
    cancelled: string
  }
  /** The `connectedAccounts` section of UserProfile: sign-in methods, linking and unlinking providers. */
  connectedAccounts: {
    title: string
    /** What the section is for, under its title. */
    description: string
    /** Whether the account has a password. */
    password: string
    passwordSet: string
    passwordNotSet: string
    /** How many passkeys the account has (en: `1 passkey`, `2 passkeys`). */
    passkeys: (count: number) => string
    identitiesEmpty: string
    /** Under an identity: when it was connected; `date` is formatted for the locale. */
    connectedOn: (date: string) => string
    /** The unlink button (en: `Disconnect`); its accessible name adds the provider. */
    unlink: string
    unlinking: string
    /** After an unlink; `provider` is its display name (en: `${provider} is disconnected.`). */
    unlinked: (provider: string) => string
    /** The link buttons (en: `Connect ${provider}`). */
    link: (provider: string) => string
    /** While the browser leaves for the provider. */
    linking: (provider: string) => string
    /** After a link came back. */
    linked: string
    /** LAST_SIGN_IN_METHOD: unlinking would leave no way to sign in. */
    lastMethod: string
    /** The confirmation of a disconnect; `provider` is its display name (en: `Disconnect ${provider}?`). */
    confirmUnlinkTitle: (provider: string) => string
    confirmUnlinkBody: string
    /** IDENTITY_ALREADY_LINKED: the provider account belongs to another account. */
    alreadyLinked: string
    /** Any other failed link (the provider refused, the link expired). */
    linkFailed: string
  }
  /** `<PhoneVerification/>` and the phone section of UserProfile: the account's phone number and its code. */
  phoneVerification: {
    title: string
    subtitle: string
    /** Title of the UserProfile section. */
    sectionTitle: string
    verifiedBadge: string
    unverifiedBadge: string
    sendCode: string
    sending: string
    /** Under the code field; `phone` is the number the code went to (en: `We texted a 6-digit code to ${phone}.`). */
    codeSentTo: (phone: string) => string
    verify: string
    verifying: string
    resend: string
    /** The resend button during its cooldown; `seconds` until it may be used (pluralise on it). */
    resendIn: (seconds: number) => string
    resent: string
    useAnotherNumber: string
    /** The verified state; `phone` is the verified number. */
    verifiedBody: (phone: string) => string
    /** An unverified number that is set but has no code pending here; `phone` is the number. */
    unverifiedBody: (phone: string) => string
    changeNumber: string
    remove: string
    removing: string
    removed: string
    verified: string
    invalidCode: string
    codeExpired: string
    attemptsExceeded: string
    alreadyVerified: string
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

/** The sections SignIn, SignUp and UserButton read: the provider's defaults (internal). */
export type FirstPaintSection =
  | 'locale'
  | 'fields'
  | 'hints'
  | 'validation'
  | 'errors'
  | 'signIn'
  | 'emailCode'
  | 'signUp'
  | 'userButton'
/** The text of the first paint (internal; ./en-first-paint holds the English one). */
export type FirstPaintLocalization = Pick<PlintoLocalization, FirstPaintSection>
/** The text of the components outside the first paint (internal; ./en-account holds the English one). */
export type AccountLocalization = Omit<PlintoLocalization, FirstPaintSection>
