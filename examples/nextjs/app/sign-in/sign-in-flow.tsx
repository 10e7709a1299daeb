'use client'

import { SignIn, useAuth, useUser } from '@plinto/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import { useSessionCookieSync } from '../providers'

export interface SignInFlowProps {
  /** Where to go once signed in: a path of this app (already checked by the page). */
  redirectUrl: string
  /** Absolute URL of the magic-link landing page (`/auth/callback`). */
  magicLinkUrl: string
}

/**
 * `<SignIn>`, and what happens once the browser holds a session: whether the user just signed in or
 * arrived already signed in (sent here by a protected page whose cookie had expired), the cookie is
 * synced and the browser goes on to `redirectUrl`.
 *
 * No redirect loop: the browser goes back only after `/api/session` accepted the token, with the very
 * check the protected pages make. If it refuses, the page says so and offers to sign out, instead of
 * sending the user back to a page that would send them here again.
 */
export function SignInFlow({ redirectUrl, magicLinkUrl }: SignInFlowProps) {
  const { isLoaded, isSignedIn } = useUser()
  if (!isLoaded) return <p className="muted">Loading…</p>
  if (isSignedIn) return <ContinueToApp redirectUrl={redirectUrl} />
  return <SignIn signUpUrl={`/sign-up?redirect_url=${encodeURIComponent(redirectUrl)}`} magicLinkUrl={magicLinkUrl} />
}

function ContinueToApp({ redirectUrl }: { redirectUrl: string }) {
  const router = useRouter()
  const sync = useSessionCookieSync()
  const { signOut } = useAuth()
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (!sync) return
    let current = true
    void sync.resync().then((ok) => {
      if (!current) return
      if (ok) router.replace(redirectUrl)
      else setFailed(true)
    })
    return () => {
      current = false
    }
  }, [sync, router, redirectUrl])

  if (!failed) return <p role="status">You are signed in. Taking you back…</p>
  return (
    <div role="alert">
      <p>Your session could not be confirmed by this site. Sign out and sign in again.</p>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  )
}
