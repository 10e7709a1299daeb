import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { useAuth, usePlinto } from '@plinto/react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import { BusyIndicator } from '../elements/busy-indicator'
import { Card } from '../elements/card'
import { LinkButton } from '../elements/link-button'
import { Notice } from '../elements/notice'
import type { RootAttributes } from '../internal/root-attributes'
import { forgetUrlParam } from '../internal/url-param'
import { useOncePerToken } from '../internal/use-once-per-token'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { useUrlToken } from '../internal/use-url-token'
import { MfaStep, type MfaMode } from '../sign-in/mfa-step'

/**
 * Props of {@link AuthCallback}.
 *
 * @example
 * ```tsx
 * const props: AuthCallbackProps = { redirectUrl: '/dashboard', signInUrl: '/sign-in' }
 * ```
 */
export interface AuthCallbackProps extends PresentationProps, RootAttributes {
  /** Where to go once signed in (through the provider's `navigate`). Default `/`. */
  redirectUrl?: string
  /** Called with the user once signed in, instead of navigating to `redirectUrl`. */
  afterSignIn?: (user: User) => void
  /** "Back to sign in" on a failed link or OAuth return points here. */
  signInUrl?: string
}

type Failure = 'magicLink' | 'oauthState' | 'oauth'
type Mfa = { mfaToken: string; modes: MfaMode[]; mode: MfaMode }

const SUPPORTED_MFA: readonly MfaMode[] = ['totp', 'sms', 'backup_code']
const OAUTH_PARAMS = ['code', 'state', 'error', 'error_description', 'iss', 'scope'] as const
const subscribeNever = () => () => {}

/** The OAuth return URL (`?state` with `code` or `error`), read once after hydration; undefined otherwise. */
function useOAuthReturn(): string | undefined {
  const hydrated = useSyncExternalStore(subscribeNever, () => true, () => false)
  const captured = useRef<string | null | undefined>(undefined)
  if (hydrated && captured.current === undefined) {
    const params = new URLSearchParams(window.location.search)
    captured.current = params.has('state') && (params.has('code') || params.has('error')) ? window.location.href : null
  }
  return captured.current ?? undefined
}

/**
 * The page the browser returns to after a magic link (`?magic_token=…`) or an OAuth provider
 * (`?code=…&state=…`): finishes the sign-in, removes the one-time values from the address bar, and
 * navigates on. An account with two-step verification gets the code step here. A used or expired link
 * and an OAuth return this browser did not start (`OAUTH_STATE_MISMATCH`) say so in words. Put its URL
 * in `<SignIn magicLinkUrl oauthRedirectUrl>`.
 *
 * @example
 * ```tsx
 * // on /auth/callback
 * <AuthCallback redirectUrl="/dashboard" signInUrl="/sign-in" />
 * ```
 */
export function AuthCallback(props: AuthCallbackProps): ReactNode {
  const { appearance, localization, unstyled, redirectUrl = '/', afterSignIn, signInUrl, className, style, ...rest } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style)
  const { t } = ui
  const { verifyMagicLink } = useAuth()
  const { client } = usePlinto()
  const { token, ready } = useUrlToken(undefined, 'magic_token')
  const oauthReturn = useOAuthReturn()
  const [failed, setFailed] = useState<Failure>()
  const [mfa, setMfa] = useState<Mfa>()
  const heading = useRef<HTMLHeadingElement>(null)

  const signedIn = (user: User) => {
    if (afterSignIn) afterSignIn(user)
    else ui.navigate(redirectUrl)
  }

  // `useUrlToken` has already taken `magic_token` out of the address bar.
  useOncePerToken(token, async (value) => {
    try {
      signedIn((await verifyMagicLink(value)).user)
    } catch {
      // Whatever the cause (expired, used, offline), the way forward is the same: a new link.
      setFailed('magicLink')
    }
  })

  useOncePerToken(token ? undefined : oauthReturn, async (url) => {
    for (const param of OAUTH_PARAMS) forgetUrlParam(param)
    try {
      signedIn((await client.auth.handleOAuthCallback(url)).user)
    } catch (error) {
      if (isPlintoError(error) && error.code === 'MFA_REQUIRED' && error.mfaToken) {
        const modes = SUPPORTED_MFA.filter((mode) => error.methods?.includes(mode))
        if (modes.length > 0) return setMfa({ mfaToken: error.mfaToken, modes, mode: modes[0]! })
      }
      setFailed(isPlintoError(error) && error.code === 'OAUTH_STATE_MISMATCH' ? 'oauthState' : 'oauth')
    }
  })

  if (mfa) {
    const subtitle = mfa.mode === 'totp' ? t.signIn.mfaSubtitle : mfa.mode === 'sms' ? t.signIn.mfaSmsSubtitle(undefined) : t.signIn.mfaBackupSubtitle
    return (
      <Card {...rest} ui={ui} title={t.signIn.mfaTitle} subtitle={subtitle} headingRef={heading}>
        <MfaStep
          ui={ui}
          mfaToken={mfa.mfaToken}
          modes={mfa.modes}
          mode={mfa.mode}
          onModeChange={(mode) => setMfa({ ...mfa, mode })}
          onSignedIn={signedIn}
          onExpired={() => setFailed('oauth')}
          onBack={() => (signInUrl !== undefined ? ui.navigate(signInUrl) : setFailed('oauth'))}
        />
      </Card>
    )
  }

  if (failed || (ready && !token && !oauthReturn)) {
    const oauth = failed === 'oauth' || failed === 'oauthState'
    return (
      <Card {...rest} ui={ui} title={oauth ? t.authCallback.oauthFailedTitle : t.authCallback.failedTitle} headingRef={heading}>
        <Notice ui={ui} heading={heading}>
          <p>{failed === 'oauthState' ? t.authCallback.oauthStateMismatchBody : oauth ? t.authCallback.oauthFailedBody : t.authCallback.failedBody}</p>
          {signInUrl !== undefined ? (
            <LinkButton ui={ui} href={signInUrl}>
              {t.authCallback.backToSignIn}
            </LinkButton>
          ) : null}
        </Notice>
      </Card>
    )
  }
  return (
    <Card {...rest} ui={ui} title={t.authCallback.verifying} headingRef={heading} aria-busy="true">
      <BusyIndicator ui={ui} />
    </Card>
  )
}
