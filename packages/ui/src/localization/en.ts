import type { PlintoLocalization } from './localization'

function retryIn(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return 'Too many attempts. Wait a moment, then try again.'
  if (seconds < 60) return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
  const minutes = Math.ceil(seconds / 60)
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`
}

/**
 * English text, the default of every component.
 *
 * @example
 * ```tsx
 * <PlintoProvider client={plinto} localization={{ ...en, signIn: { ...en.signIn, title: 'Welcome back' } }}>
 * ```
 */
export const en: PlintoLocalization = {
  locale: 'en',
  fields: {
    email: 'Email',
    emailOrUsername: 'Email or username',
    password: 'Password',
    newPassword: 'New password',
    firstName: 'First name',
    lastName: 'Last name',
    optional: '(optional)',
    mfaCode: 'Verification code',
    backupCode: 'Backup code',
  },
  hints: {
    newPassword: (min) => `At least ${min} characters. A few words you can remember work well.`,
    mfaCode: 'Enter the 6-digit code from your authenticator app.',
    backupCode: 'Enter one of the backup codes you saved when you set up two-step verification.',
  },
  validation: {
    emailRequired: 'Enter your email address.',
    emailInvalid: 'Enter an email address like name@example.com.',
    identifierRequired: 'Enter your email address or username.',
    passwordRequired: 'Enter your password.',
    passwordTooShort: (min) => `Use at least ${min} characters.`,
    passwordTooLong: (max) => `Use at most ${max} characters.`,
    codeRequired: 'Enter the code.',
  },
  errors: {
    invalidCredentials: 'The email or password is incorrect.',
    rateLimited: retryIn,
    weakPassword: 'This password is too easy to guess. Choose a longer or less common one.',
    emailTaken: 'An account with this email already exists. Sign in instead.',
    invalidMfaCode: 'That code is not valid. Check it and try again.',
    mfaExpired: 'Your sign-in took too long. Sign in again.',
    mfaUnsupported: 'This account uses a kind of two-step verification this form does not support yet.',
    invalidField: 'Check this value and try again.',
    network: 'We could not reach the server. Check your connection and try again.',
    timeout: 'The server took too long to answer. Try again.',
    server: 'Something went wrong on our side. Try again in a moment.',
    generic: 'Something went wrong. Try again.',
  },
  signIn: {
    title: 'Sign in',
    subtitle: 'Welcome back. Sign in to continue.',
    submit: 'Sign in',
    submitting: 'Signing in…',
    forgotPassword: 'Forgot password?',
    noAccount: 'No account yet?',
    signUp: 'Sign up',
    or: 'or',
    useMagicLink: 'Email me a sign-in link',
    usePassword: 'Sign in with a password instead',
    magicLinkSubmit: 'Send sign-in link',
    magicLinkSubmitting: 'Sending…',
    magicLinkSentTitle: 'Check your email',
    magicLinkSentBody: (email) => `If an account exists for ${email}, we sent it a sign-in link. The link works once and expires in 15 minutes.`,
    useAnotherEmail: 'Use another email',
    mfaTitle: 'Two-step verification',
    mfaSubtitle: 'Open your authenticator app to get your code.',
    mfaBackupSubtitle: 'Use one of your backup codes. Each code works once.',
    mfaSubmit: 'Verify',
    mfaSubmitting: 'Verifying…',
    useBackupCode: 'Use a backup code instead',
    useAuthenticator: 'Use your authenticator app instead',
    back: 'Back to sign in',
  },
  signUp: {
    title: 'Create your account',
    subtitle: 'It takes less than a minute.',
    submit: 'Create account',
    submitting: 'Creating account…',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    verifyTitle: 'Verify your email',
    verifyBody: (email) => `We sent a verification link to ${email}. Open it to confirm your address.`,
    continue: 'Continue',
    resend: 'Send the email again',
    resending: 'Sending…',
    resent: 'We sent a new verification email.',
  },
  userButton: {
    trigger: (name) => `Account menu for ${name}`,
    manageAccount: 'Manage account',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
  },
  forgotPassword: {
    title: 'Reset your password',
    subtitle: 'Enter your email and we will send you a link to choose a new password.',
    submit: 'Send reset link',
    submitting: 'Sending…',
    sentTitle: 'Check your email',
    sentBody: (email) => `If an account exists for ${email}, we sent it a link to reset the password. The link expires in 15 minutes.`,
    backToSignIn: 'Back to sign in',
  },
  resetPassword: {
    title: 'Choose a new password',
    subtitle: 'You will be signed out on all devices.',
    submit: 'Reset password',
    submitting: 'Resetting…',
    successTitle: 'Password changed',
    successBody: 'Your password has been changed. Sign in with your new password.',
    signIn: 'Sign in',
    invalidTitle: 'This link does not work',
    invalidBody: 'The reset link has expired or was already used.',
    requestNewLink: 'Request a new link',
  },
  verifyEmail: {
    verifying: 'Verifying your email…',
    successTitle: 'Email verified',
    successBody: 'Thank you. Your email address is confirmed.',
    continue: 'Continue',
    invalidTitle: 'This link does not work',
    invalidBody: 'The verification link has expired or was already used.',
    resend: 'Send a new link',
    resending: 'Sending…',
    resent: 'We sent a new verification email.',
  },
  authCallback: {
    verifying: 'Signing you in…',
    failedTitle: 'This sign-in link does not work',
    failedBody: 'The link has expired or was already used. Request a new one.',
    backToSignIn: 'Back to sign in',
  },
}
