import { useState } from 'react'
import { useOAuthProviders, usePlinto } from '@plinto/react'
import { isPlintoError, type User } from '@plinto/typescript-sdk'
import { FormAlert } from '../elements/form-alert'
import { describeError } from '../internal/describe-error'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { useWebAuthnAvailable } from '../internal/use-webauthn-available'

export interface AlternativesProps {
  ui: Ui
  /** Offer "Sign in with a passkey" (hidden where the browser has no WebAuthn). */
  passkey: boolean
  /** Offer "Continue with …" for the server's OAuth providers. */
  oauth: boolean
  /** The `redirect_uri` of the OAuth flow: the page that renders `<AuthCallback />`. */
  oauthRedirectUrl: string | undefined
  /** Draw the "or" divider first (the password step draws it when it offers a magic link). */
  withDivider: boolean
  onSignedIn: (user: User) => void
}

/**
 * The sign-in alternatives under the password form: a passkey and the OAuth providers, after an "or"
 * divider (unless the password step already drew one). Renders nothing when there is no alternative.
 */
export function Alternatives({ ui, passkey, oauth, oauthRedirectUrl, withDivider, onSignedIn }: AlternativesProps) {
  const { t } = ui
  const { client } = usePlinto()
  const available = useWebAuthnAvailable()
  const providers = useOAuthProviders({ enabled: oauth })
  const [refused, setRefused] = useState(false)
  const [error, setError] = useState<string>()
  const [redirecting, setRedirecting] = useState<string>()

  const [signInWithPasskey, passkeyPending] = useGuardedAction(async () => {
    setError(undefined)
    try {
      const { user } = await client.auth.authenticatePasskey()
      onSignedIn(user)
    } catch (caught) {
      // Unsupported after all (e.g. an insecure page): the button goes, the alert says why.
      if (isPlintoError(caught) && caught.code === 'PASSKEY_NOT_SUPPORTED') setRefused(true)
      setError(describeError(caught, t, {}).form)
    }
  })
  const [startOAuth] = useGuardedAction(async (id: string, name: string) => {
    setError(undefined)
    setRedirecting(name)
    try {
      await client.auth.initiateOAuth(id, {
        redirectUri: oauthRedirectUrl ?? `${window.location.origin}/auth/callback`,
      })
      // The browser is leaving for the provider: "Redirecting…" stays until it has.
    } catch (caught) {
      setRedirecting(undefined)
      // A provider or redirect URI the server refuses is a set-up problem; to the user it is one thing.
      const refusedByServer =
        isPlintoError(caught) && ['VALIDATION_ERROR', 'OAUTH_ERROR', 'NOT_FOUND', 'FORBIDDEN'].includes(caught.code)
      setError(refusedByServer ? t.errors.oauthFailed : describeError(caught, t, {}).form)
    }
  })

  const showPasskey = passkey && available && !refused
  const list = oauth ? (providers.data ?? []) : []
  if (!showPasskey && list.length === 0 && !error) return null
  return (
    <>
      {withDivider ? (
        // biome-ignore lint/a11y/useSemanticElements: a separator with a visible label ("or"), which an <hr> cannot hold
        <div className={ui.cx('divider')} role="separator">
          <span>{t.signIn.or}</span>
        </div>
      ) : null}
      <div className={ui.cx('socialButtons')}>
        {/* Only while there is an error: the password form above owns the step's permanent alert region. */}
        {error ? <FormAlert ui={ui} message={error} /> : null}
        {showPasskey ? (
          <button
            type="button"
            className={ui.cx('socialButton')}
            disabled={passkeyPending}
            aria-busy={passkeyPending}
            onClick={() => void signInWithPasskey()}
          >
            {passkeyPending ? t.signIn.passkeySigningIn : t.signIn.usePasskey}
          </button>
        ) : null}
        {list.map((provider) => (
          <button
            key={provider.id}
            type="button"
            className={ui.cx('socialButton')}
            // For provider-specific styling (Apple's guidelines ask for black, white or white-outlined buttons).
            data-provider={provider.id}
            disabled={redirecting !== undefined}
            aria-busy={redirecting === provider.name}
            onClick={() => void startOAuth(provider.id, provider.name)}
          >
            {redirecting === provider.name ? t.signIn.redirecting(provider.name) : t.signIn.continueWith(provider.name)}
          </button>
        ))}
      </div>
    </>
  )
}
