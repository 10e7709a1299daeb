import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { PlintoError, User } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { LinkButton } from '../elements/link-button'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { Alternatives } from './alternatives'
import { MagicLinkSent } from './magic-link-sent'
import { MagicLinkStep } from './magic-link-step'
import { MfaStep, type MfaMode } from './mfa-step'
import { PasswordStep } from './password-step'

/**
 * Props of {@link SignIn}.
 *
 * @example
 * ```tsx
 * const props: SignInProps = { redirectUrl: '/dashboard', forgotPasswordUrl: '/forgot-password', signUpUrl: '/sign-up' }
 * ```
 */
export interface SignInProps extends PresentationProps, RootAttributes {
  /** Where to go after signing in (through the provider's `navigate`, default `window.location.assign`). */
  redirectUrl?: string
  /** Called with the user after signing in, instead of navigating to `redirectUrl`. */
  afterSignIn?: (user: User) => void
  /** Ask for the email only (default) or accept a username too. */
  identifier?: 'email' | 'emailOrUsername'
  /** Shows "Forgot password?" as a link to this URL. */
  forgotPasswordUrl?: string
  /** Shows "Forgot password?" as a button calling this (e.g. to switch your page to `<ForgotPassword />`). */
  onForgotPassword?: () => void
  /** Shows "No account yet? Sign up" linking here. */
  signUpUrl?: string
  /**
   * Absolute URL of your page that renders `<AuthCallback />`. When set, the form offers "Email me a
   * sign-in link" (a magic link that lands on that page).
   */
  magicLinkUrl?: string
  /** Offer "Sign in with a passkey" where the browser supports passkeys. Default `true`. */
  passkey?: boolean
  /** Offer "Continue with …" for the OAuth providers the server has (`getOAuthProviders()`). Default `true`. */
  oauth?: boolean
  /**
   * Absolute URL of your page that renders `<AuthCallback />`, where OAuth providers send the browser
   * back (it must be on the server's allow-list). Default `${location.origin}/auth/callback`.
   */
  oauthRedirectUrl?: string
}

type Step =
  | { kind: 'password'; error?: string; returning?: boolean }
  | { kind: 'mfa'; mfaToken: string; modes: MfaMode[]; mode: MfaMode }
  | { kind: 'magicLink' }
  | { kind: 'magicLinkSent'; email: string }

const SUPPORTED_MFA: readonly MfaMode[] = ['totp', 'sms', 'backup_code']

/**
 * The sign-in form: email (or username) and password, the two-step verification step when the account
 * has MFA (authenticator code, a code texted on request, or a backup code), an optional magic link,
 * "Sign in with a passkey" (where the browser supports passkeys), "Continue with …" for the server's OAuth
 * providers, and links to password recovery and sign-up. Errors appear next to the field they concern or at the top, in words; the button shows
 * progress and a second submit while one is running is ignored.
 *
 * @example
 * ```tsx
 * import { PlintoProvider, SignIn } from '@plinto/ui'
 * import '@plinto/ui/styles.css'
 *
 * <PlintoProvider client={plintoClient}>
 *   <SignIn redirectUrl="/dashboard" forgotPasswordUrl="/forgot-password" signUpUrl="/sign-up" />
 * </PlintoProvider>
 * ```
 */
export function SignIn(props: SignInProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    redirectUrl,
    afterSignIn,
    identifier: identifierKind = 'email',
    forgotPasswordUrl,
    onForgotPassword,
    signUpUrl,
    magicLinkUrl,
    passkey = true,
    oauth = true,
    oauthRedirectUrl,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style)
  const { t } = ui
  const [step, setStep] = useState<Step>({ kind: 'password' })
  const [identifier, setIdentifier] = useState('')
  const [password, setPassword] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)

  const signedIn = useCallback(
    (user: User) => {
      setPassword('')
      if (afterSignIn) afterSignIn(user)
      else if (redirectUrl !== undefined) ui.navigate(redirectUrl)
    },
    [afterSignIn, redirectUrl, ui],
  )

  const mfaRequired = (error: PlintoError) => {
    const modes = SUPPORTED_MFA.filter((mode) => error.methods?.includes(mode))
    if (!error.mfaToken || modes.length === 0) return setStep({ kind: 'password', error: t.errors.mfaUnsupported })
    setStep({ kind: 'mfa', mfaToken: error.mfaToken, modes, mode: modes[0]! })
  }

  const title = step.kind === 'mfa' ? t.signIn.mfaTitle : step.kind === 'magicLinkSent' ? t.signIn.magicLinkSentTitle : t.signIn.title
  const subtitle =
    step.kind === 'mfa'
      ? step.mode === 'totp'
        ? t.signIn.mfaSubtitle
        : step.mode === 'sms'
          ? t.signIn.mfaSmsSubtitle(undefined)
          : t.signIn.mfaBackupSubtitle : step.kind === 'magicLinkSent' ? null : t.signIn.subtitle
  const footer =
    signUpUrl !== undefined && (step.kind === 'password' || step.kind === 'magicLink') ? (
      <>
        {t.signIn.noAccount}{' '}
        <LinkButton ui={ui} href={signUpUrl}>
          {t.signIn.signUp}
        </LinkButton>
      </>
    ) : null

  return (
    <Card {...rest} ui={ui} title={title} subtitle={subtitle} headingRef={heading} footer={footer}>
      {step.kind === 'password' ? (
        <PasswordStep
          key={step.error ?? 'password'}
          ui={ui}
          identifierKind={identifierKind}
          identifier={identifier}
          onIdentifierChange={setIdentifier}
          password={password}
          onPasswordChange={setPassword}
          initialError={step.error}
          focusPassword={step.returning}
          forgotPasswordUrl={forgotPasswordUrl}
          onForgotPassword={onForgotPassword}
          onMagicLink={magicLinkUrl === undefined ? undefined : () => setStep({ kind: 'magicLink' })}
          onMfaRequired={mfaRequired}
          onSignedIn={signedIn}
          alternatives={
            <Alternatives ui={ui} passkey={passkey} oauth={oauth} oauthRedirectUrl={oauthRedirectUrl} withDivider={magicLinkUrl === undefined} onSignedIn={signedIn} />
          }
        />
      ) : step.kind === 'mfa' ? (
        <MfaStep
          ui={ui}
          mfaToken={step.mfaToken}
          modes={step.modes}
          mode={step.mode}
          onModeChange={(mode) => setStep({ ...step, mode })}
          onSignedIn={signedIn}
          onExpired={() => setStep({ kind: 'password', error: t.errors.mfaExpired, returning: true })}
          onBack={() => setStep({ kind: 'password', returning: true })}
        />
      ) : step.kind === 'magicLink' ? (
        <MagicLinkStep
          ui={ui}
          initialEmail={identifier.includes('@') ? identifier.trim() : ''}
          redirectUrl={magicLinkUrl ?? ''}
          onSent={(email) => setStep({ kind: 'magicLinkSent', email })}
          onUsePassword={() => setStep({ kind: 'password', returning: true })}
        />
      ) : (
        <MagicLinkSent ui={ui} heading={heading} email={step.email} onBack={() => setStep({ kind: 'magicLink' })} />
      )}
    </Card>
  )
}
