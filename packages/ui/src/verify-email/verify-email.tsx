import { useRef, useState, type ReactNode } from 'react'
import { useAuth } from '@plinto/react'
import { isPlintoError } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { FormAlert } from '../elements/form-alert'
import { Notice } from '../elements/notice'
import { BusyIndicator } from '../elements/busy-indicator'
import { describeError } from '../internal/describe-error'
import type { RootAttributes } from '../internal/root-attributes'
import { useGuardedAction } from '../internal/use-guarded-action'
import { useOncePerToken } from '../internal/use-once-per-token'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { useUrlToken } from '../internal/use-url-token'
import { enAccount } from '../localization/en-account'

/**
 * Props of {@link VerifyEmail}.
 *
 * @example
 * ```tsx
 * const props: VerifyEmailProps = { redirectUrl: '/dashboard' }
 * ```
 */
export interface VerifyEmailProps extends PresentationProps, RootAttributes {
  /**
   * The verification token; default: `?token=` of the current URL (the link in the email), which is then
   * removed from the address bar (`history.replaceState`). A token given here leaves the URL alone.
   */
  token?: string
  /** "Continue" after success goes here (through the provider's `navigate`). */
  redirectUrl?: string
}

type Outcome = { kind: 'verifying' } | { kind: 'verified' } | { kind: 'invalid' } | { kind: 'failed'; message: string }

/**
 * Confirms an email address with the token of the verification email, as soon as it renders. Shows
 * success, or — for an expired or used link — says so and, when the user is signed in, offers to send a
 * new email. The signed-in user's `email_verified` is refreshed on success. A token read from the URL is
 * taken out of the address bar at once, so it does not stay in the history or leak through a screenshot.
 *
 * @example
 * ```tsx
 * // on /verify-email, the page the verification email links to
 * <VerifyEmail redirectUrl="/dashboard" />
 * ```
 */
export function VerifyEmail(props: VerifyEmailProps): ReactNode {
  const { appearance, localization, unstyled, token: tokenProp, redirectUrl, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { verifyEmail, resendVerification, refreshUser, isSignedIn } = useAuth()
  const { token, ready } = useUrlToken(tokenProp, 'token')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'verifying' })
  const [resent, setResent] = useState<{ sent?: boolean; error?: string }>({})
  const heading = useRef<HTMLHeadingElement>(null)

  useOncePerToken(token, async (value) => {
    try {
      await verifyEmail(value)
      setOutcome({ kind: 'verified' })
      // Best effort: the address is verified whether or not this refetch works.
      if (isSignedIn) await refreshUser().catch(() => undefined)
    } catch (error) {
      if (!isPlintoError(error) || error.code !== 'INVALID_TOKEN')
        // biome-ignore lint/style/noNonNullAssertion: with no field names, describeError puts every message in `form`
        return setOutcome({ kind: 'failed', message: describeError(error, t, {}).form! })
      // A used link is usually a second click on it: if the signed-in user is verified, that is success.
      const user = isSignedIn ? await refreshUser().catch(() => null) : null
      setOutcome(user?.email_verified ? { kind: 'verified' } : { kind: 'invalid' })
    }
  })

  const [resend, resending] = useGuardedAction(async () => {
    setResent({})
    try {
      await resendVerification()
      setResent({ sent: true })
    } catch (error) {
      setResent({ error: describeError(error, t, {}).form })
    }
  })

  const state: Outcome = ready && !token ? { kind: 'invalid' } : outcome
  if (state.kind === 'verifying') {
    return (
      <Card {...rest} ui={ui} title={t.verifyEmail.verifying} headingRef={heading} aria-busy="true">
        <BusyIndicator ui={ui} />
      </Card>
    )
  }
  if (state.kind === 'verified') {
    return (
      <Card {...rest} ui={ui} title={t.verifyEmail.successTitle} headingRef={heading}>
        <Notice ui={ui} heading={heading}>
          <p>{t.verifyEmail.successBody}</p>
          {redirectUrl !== undefined ? (
            <button type="button" className={ui.cx('primaryButton')} onClick={() => ui.navigate(redirectUrl)}>
              {t.verifyEmail.continue}
            </button>
          ) : null}
        </Notice>
      </Card>
    )
  }
  return (
    <Card {...rest} ui={ui} title={t.verifyEmail.invalidTitle} headingRef={heading}>
      <Notice ui={ui} heading={heading}>
        <FormAlert ui={ui} message={state.kind === 'failed' ? state.message : resent.error} />
        <p>{t.verifyEmail.invalidBody}</p>
        <p role="status">{resent.sent ? t.verifyEmail.resent : null}</p>
        {isSignedIn ? (
          <button
            type="button"
            className={ui.cx('secondaryButton')}
            onClick={() => void resend()}
            disabled={resending}
            aria-busy={resending}
          >
            {resending ? t.verifyEmail.resending : t.verifyEmail.resend}
          </button>
        ) : null}
      </Notice>
    </Card>
  )
}
