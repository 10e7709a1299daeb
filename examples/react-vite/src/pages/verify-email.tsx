import { useEffect } from 'react'
import { VerifyEmail } from '@plinto/ui'
import { useDocumentTitle } from '../hooks/use-document-title'
import { useLinkToken } from '../hooks/use-link-token'
import { useReturnTo } from '../hooks/use-return-to'
import { forgetReturnTo } from '../return-to'

/**
 * `/verify-email?token=…`: the page the verification email links to. It confirms the address as soon as
 * it opens; "Continue" goes back to where the user was headed (e.g. an invitation) or the dashboard.
 */
export function VerifyEmailPage() {
  useDocumentTitle('Verify your email')
  const token = useLinkToken()
  const returnTo = useReturnTo('/dashboard')
  useEffect(forgetReturnTo, [])
  // Keyed by the token: another link opened in this tab is verified too.
  return (
    <div className="auth-page">
      <VerifyEmail key={token} token={token ?? ''} redirectUrl={returnTo} />
    </div>
  )
}
