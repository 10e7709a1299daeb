import { useEffect } from 'react'
import { AuthCallback } from '@plinto/ui'
import { useLocation, useNavigate } from 'react-router'
import { useDocumentTitle } from '../hooks/use-document-title'
import { useReturnTo } from '../hooks/use-return-to'
import { forgetReturnTo } from '../return-to'

/**
 * `/auth/callback`: where OAuth providers (`?code=…&state=…`) and magic links (`?magic_token=…`) return.
 * It finishes the sign-in (with the two-step step if the account has it) and goes on to the page the user
 * came from, or the dashboard. A tampered or foreign OAuth return is refused with an explanation.
 */
export function AuthCallbackPage() {
  useDocumentTitle('Signing in')
  const navigate = useNavigate()
  const { search } = useLocation()
  const returnTo = useReturnTo('/dashboard')
  useEffect(forgetReturnTo, [])
  return (
    <div className="auth-page">
      {/* `replace`: the callback URL is spent, so Back should not return to it. */}
      <AuthCallback key={search} afterSignIn={() => void navigate(returnTo, { replace: true })} signInUrl="/sign-in" />
    </div>
  )
}
