import { useRef, useState, type ReactNode } from 'react'
import type { User } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { LinkButton } from '../elements/link-button'
import type { RootAttributes } from '../internal/root-attributes'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { SignUpForm } from './sign-up-form'
import { VerificationNotice } from './verification-notice'

/**
 * Props of {@link SignUp}.
 *
 * @example
 * ```tsx
 * const props: SignUpProps = { redirectUrl: '/dashboard', signInUrl: '/sign-in' }
 * ```
 */
export interface SignUpProps extends PresentationProps, RootAttributes {
  /** Where "Continue" goes after sign-up (through the provider's `navigate`, default `window.location.assign`). */
  redirectUrl?: string
  /** Called with the new user when they press "Continue", instead of navigating to `redirectUrl`. */
  afterSignUp?: (user: User) => void
  /** Shows "Already have an account? Sign in" linking here. */
  signInUrl?: string
  /** Ask for first and last name (both optional to fill in). Default true. */
  nameFields?: boolean
  /**
   * On the "verify your email" notice, offer "Enter a code instead": a 6-digit code emailed to the address and
   * typed here, for people who read their email on another device. The server must offer codes (its
   * `emailCodes` option). Default `false`.
   */
  emailCode?: boolean
}

/**
 * The sign-up form: first and last name (optional), email and password. Passwords follow the server's
 * policy — 8 to 128 characters, no composition rules — and a password the server refuses as too common is
 * reported at the field. After sign-up the user is signed in and sees a "verify your email" notice with a
 * way to resend the email and a "Continue" button.
 *
 * @example
 * ```tsx
 * <PlintoProvider client={plintoClient}>
 *   <SignUp redirectUrl="/dashboard" signInUrl="/sign-in" />
 * </PlintoProvider>
 * ```
 */
export function SignUp(props: SignUpProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    redirectUrl,
    afterSignUp,
    signInUrl,
    nameFields = true,
    emailCode = false,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style)
  const { t } = ui
  const [created, setCreated] = useState<User | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)

  const next =
    created &&
    (afterSignUp ? () => afterSignUp(created) : redirectUrl !== undefined ? () => ui.navigate(redirectUrl) : undefined)
  const footer =
    !created && signInUrl !== undefined ? (
      <>
        {t.signUp.haveAccount}{' '}
        <LinkButton ui={ui} href={signInUrl}>
          {t.signUp.signIn}
        </LinkButton>
      </>
    ) : null

  return (
    <Card
      {...rest}
      ui={ui}
      title={created ? t.signUp.verifyTitle : t.signUp.title}
      subtitle={created ? null : t.signUp.subtitle}
      headingRef={heading}
      footer={footer}
    >
      {created ? (
        <VerificationNotice
          ui={ui}
          heading={heading}
          email={created.email}
          emailCode={emailCode}
          onContinue={next ?? undefined}
        />
      ) : (
        <SignUpForm ui={ui} nameFields={nameFields} onSignedUp={setCreated} />
      )}
    </Card>
  )
}
