import { useEffect, useState } from 'react'
import { useConnectedAccounts, useOAuthProviders } from '@plinto/react'
import { isPlintoError, type ConnectedIdentity } from '@plinto/typescript-sdk'
import { Avatar } from '../elements/avatar'
import { useConfirmation } from '../elements/confirm-dialog'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { RowMenu } from '../elements/row-menu'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { describeError } from '../internal/describe-error'
import { formatDate } from '../internal/format-date'
import { LINK_RESULT_PARAM } from '../internal/link-result'
import { forgetUrlParam, urlParam } from '../internal/url-param'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'

/**
 * The key of the connected accounts section in `UserProfile`'s `sections`.
 *
 * @example
 * ```tsx
 * <UserProfile sections={['profile', CONNECTED_ACCOUNTS_SECTION]} />
 * ```
 */
export const CONNECTED_ACCOUNTS_SECTION = 'connectedAccounts'

export interface ConnectedAccountsSectionProps {
  ui: Ui
  /** The `redirect_uri` of the link flow: the page that renders `<AuthCallback />`. Default `{origin}/auth/callback`. */
  oauthRedirectUrl?: string | undefined
}

/**
 * The account's sign-in methods: the password (set or not), the passkey count, and each connected provider
 * identity as a list row (the provider's initial as its mark, its details, "Disconnect" in the row's menu after a
 * confirmation; a skeleton while loading, an empty state, the error with "Try again"); "Connect …" (secondary
 * buttons) for the providers the server offers. Disconnecting the last way to sign
 * in is refused by the server (`LAST_SIGN_IN_METHOD`) and explained. A link goes through the provider and comes
 * back through `<AuthCallback />`, which returns here with the outcome in the address (see ../internal/link-result).
 */
export function ConnectedAccountsSection({ ui, oauthRedirectUrl }: ConnectedAccountsSectionProps) {
  const { t } = ui
  const text = t.connectedAccounts
  const accounts = useConnectedAccounts()
  const providers = useOAuthProviders()
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [unlinking, setUnlinking] = useState<string>()
  const [redirecting, setRedirecting] = useState<string>()
  const [confirmation, confirm] = useConfirmation(ui)

  // The outcome of a link that just came back through <AuthCallback />: said once, then gone from the address.
  useEffect(() => {
    const outcome = urlParam(LINK_RESULT_PARAM)
    if (!outcome) return
    forgetUrlParam(LINK_RESULT_PARAM)
    if (outcome === 'linked') setStatus(text.linked)
    else setError(outcome === 'IDENTITY_ALREADY_LINKED' ? text.alreadyLinked : text.linkFailed)
  }, [text])

  const [unlink] = useGuardedAction(async (identity: ConnectedIdentity) => {
    setError(undefined)
    setStatus(undefined)
    setUnlinking(identity.id)
    try {
      await accounts.unlink(identity.id)
      setStatus(text.unlinked(identity.provider_name))
    } catch (caught) {
      setError(
        isPlintoError(caught) && caught.code === 'LAST_SIGN_IN_METHOD'
          ? text.lastMethod
          : describeError(caught, t, {}).form,
      )
    } finally {
      setUnlinking(undefined)
    }
  })

  const [link] = useGuardedAction(async (id: string, name: string) => {
    setError(undefined)
    setStatus(undefined)
    setRedirecting(name)
    try {
      await accounts.link(id, {
        redirectUri: oauthRedirectUrl ?? `${window.location.origin}/auth/callback`,
        returnTo: window.location.href,
      })
      // The browser is leaving for the provider: "Redirecting…" stays until it has.
    } catch (caught) {
      setRedirecting(undefined)
      // A provider or redirect URI the server refuses is a set-up problem; to the person it is one thing.
      const refusedByServer =
        isPlintoError(caught) && ['VALIDATION_ERROR', 'OAUTH_ERROR', 'NOT_FOUND', 'FORBIDDEN'].includes(caught.code)
      setError(refusedByServer ? text.linkFailed : describeError(caught, t, {}).form)
    }
  })

  return (
    <Section ui={ui} title={text.title}>
      <p className={ui.cx('hint')}>{text.description}</p>
      <FormAlert ui={ui} message={error} />
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={accounts}>
        {(methods) => (
          <>
            <p className={ui.cx('itemDetail')}>
              {text.password}: {methods.password ? text.passwordSet : text.passwordNotSet} ·{' '}
              {text.passkeys(methods.passkeys)}
            </p>
            {methods.identities.length === 0 ? (
              <p className={ui.cx('emptyState')}>{text.identitiesEmpty}</p>
            ) : (
              <ul className={ui.cx('list')}>
                {methods.identities.map((identity) => {
                  const name = identity.email ? `${identity.provider_name} (${identity.email})` : identity.provider_name
                  return (
                    <li key={identity.id} className={ui.cx('listItem')}>
                      <div className={ui.cx('listItemMain')}>
                        {/* The provider's mark: its initial on a tone derived from the provider, no logo. */}
                        <Avatar ui={ui} size="small" name={identity.provider_name} email={identity.provider} />
                        <div>
                          <p className={ui.cx('itemTitle')}>{identity.provider_name}</p>
                          <p className={ui.cx('itemDetail')}>
                            {[identity.name, identity.email].filter(Boolean).join(' · ')} ·{' '}
                            {text.connectedOn(formatDate(identity.created_at, t.locale))}
                          </p>
                        </div>
                      </div>
                      <RowMenu
                        ui={ui}
                        name={name}
                        busy={unlinking === identity.id}
                        actions={[
                          {
                            id: 'unlink',
                            label: text.unlink,
                            danger: true,
                            onSelect: () =>
                              confirm({
                                title: text.confirmUnlinkTitle(identity.provider_name),
                                body: text.confirmUnlinkBody,
                                confirmLabel: text.unlink,
                                pendingLabel: text.unlinking,
                                run: () => unlink(identity),
                              }),
                          },
                        ]}
                      />
                    </li>
                  )
                })}
              </ul>
            )}
          </>
        )}
      </QueryState>
      {confirmation}
      {(providers.data ?? []).length > 0 ? (
        // Secondary: in a pane the only primary button is the submit of the form being worked on.
        <div className={ui.cx('itemActions')}>
          {(providers.data ?? []).map((provider) => (
            <button
              key={provider.id}
              type="button"
              className={ui.cx('secondaryButton')}
              data-provider={provider.id}
              disabled={redirecting !== undefined}
              aria-busy={redirecting === provider.name}
              onClick={() => void link(provider.id, provider.name)}
            >
              {redirecting === provider.name ? text.linking(provider.name) : text.link(provider.name)}
            </button>
          ))}
        </div>
      ) : null}
    </Section>
  )
}
