import { useCallback, useRef, useState, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import type { PlintoError, User } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { LinkButton } from '../elements/link-button'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { Alternatives } from './alternatives'
import { EmailCodeForm } from './email-code-form'
import { EmailAddressStep } from './email-address-step'
import { MagicLinkSent } from './magic-link-sent'
import { MfaStep } from './mfa-step'
import { PasswordStep } from './password-step'
import { useMfaStep } from './use-mfa-step'

/**
 * Props of {@link SignIn}.
 *
 * @example
 * ```tsx
 * const props: SignInProps = {
 *   redirectUrl: '/dashboard',
 *   forgotPasswordUrl: '/forgot-password',
 *   signUpUrl: '/sign-up',
 * }
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
  /**
   * Offer "Email me a code": a 6-digit code emailed to the address, typed here (for people who read their
   * email on another device). The server must offer codes (its `emailCodes` option); otherwise the form says
   * so after the first send. Default `false`.
   */
  emailCode?: boolean
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
  | { kind: 'magicLink' }
  | { kind: 'magicLinkSent'; email: string }
  | { kind: 'emailCode' }
  | { kind: 'emailCodeSent'; email: string }

/**
 * The sign-in form: email (or username) and password, the two-step verification step when the account
 * has MFA (authenticator code, a code texted on request, or a backup code), an optional magic link, an optional
 * 6-digit code emailed to the address (`emailCode`),
 * "Sign in with a passkey" (where the browser supports passkeys), "Continue with …" for the server's OAuth
 * providers, and links to password recovery and sign-up. Errors appear next to the field they concern or at
 * the top, in words; the button shows progress and a second submit while one is running is ignored.
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
    emailCode = false,
    passkey = true,
    oauth = true,
    oauthRedirectUrl,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style)
  const { t } = ui
  const { sendMagicLink, sendEmailCode } = useAuth()
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

  // The MFA step shows over the password step, which comes back when it closes.
  const mfa = useMfaStep(ui, {
    onSignedIn: signedIn,
    onExpired: () => setStep({ kind: 'password', error: t.errors.mfaExpired, returning: true }),
    onBack: () => setStep({ kind: 'password', returning: true }),
  })
  const mfaRequired = (error: PlintoError) => {
    if (mfa.start(error) === 'unsupported') setStep({ kind: 'password', error: t.errors.mfaUnsupported })
  }

  const sent = step.kind === 'magicLinkSent' || step.kind === 'emailCodeSent'
  const title = mfa.step ? mfa.step.title : sent ? t.signIn.magicLinkSentTitle : t.signIn.title
  const subtitle = mfa.step
    ? mfa.step.subtitle
    : step.kind === 'emailCodeSent'
      ? t.emailCode.sent(step.email)
      : sent
        ? null
        : t.signIn.subtitle
  const footer =
    signUpUrl !== undefined &&
    !mfa.step &&
    (step.kind === 'password' || step.kind === 'magicLink' || step.kind === 'emailCode') ? (
      <>
        {t.signIn.noAccount}{' '}
        <LinkButton ui={ui} href={signUpUrl}>
          {t.signIn.signUp}
        </LinkButton>
      </>
    ) : null

  return (
    <Card {...rest} ui={ui} title={title} subtitle={subtitle} headingRef={heading} footer={footer}>
      {mfa.step ? (
        <MfaStep {...mfa.step.props} />
      ) : step.kind === 'password' ? (
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
          onEmailCode={emailCode ? () => setStep({ kind: 'emailCode' }) : undefined}
          onMfaRequired={mfaRequired}
          onSignedIn={signedIn}
          alternatives={
            <Alternatives
              ui={ui}
              passkey={passkey}
              oauth={oauth}
              oauthRedirectUrl={oauthRedirectUrl}
              withDivider={magicLinkUrl === undefined && !emailCode}
              onSignedIn={signedIn}
            />
          }
        />
      ) : step.kind === 'magicLink' ? (
        <EmailAddressStep
          ui={ui}
          initialEmail={identifier.includes('@') ? identifier.trim() : ''}
          send={(email) => sendMagicLink({ email, redirect_url: magicLinkUrl ?? '' })}
          label={ui.t.signIn.magicLinkSubmit}
          pendingLabel={ui.t.signIn.magicLinkSubmitting}
          onSent={(email) => setStep({ kind: 'magicLinkSent', email })}
          onUsePassword={() => setStep({ kind: 'password', returning: true })}
        />
      ) : step.kind === 'emailCode' ? (
        <EmailAddressStep
          ui={ui}
          initialEmail={identifier.includes('@') ? identifier.trim() : ''}
          send={(email) => sendEmailCode({ email, purpose: 'sign_in' })}
          label={ui.t.emailCode.send}
          pendingLabel={ui.t.emailCode.sending}
          onSent={(email) => setStep({ kind: 'emailCodeSent', email })}
          onUsePassword={() => setStep({ kind: 'password', returning: true })}
        />
      ) : step.kind === 'emailCodeSent' ? (
        <EmailCodeForm
          ui={ui}
          email={step.email}
          purpose="sign_in"
          onDone={(user) => user && signedIn(user)}
          onMfaRequired={mfaRequired}
          onUseAnotherEmail={() => setStep({ kind: 'emailCode' })}
        />
      ) : (
        <MagicLinkSent ui={ui} heading={heading} email={step.email} onBack={() => setStep({ kind: 'magicLink' })} />
      )}
    </Card>
  )
}
