import { useAuth, useUser } from '@plinto/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState, type ReactNode } from 'react'
import { useSessionSync } from './client-provider'

/**
 * Props of {@link RedirectWhenSignedIn}.
 *
 * @example
 * ```tsx
 * const props: RedirectWhenSignedInProps = { redirectUrl: '/dashboard', children: <SignIn /> }
 * ```
 */
export interface RedirectWhenSignedInProps {
  /** Where to go once the browser holds a session the server accepted: a path of this app. */
  redirectUrl: string
  /** What to show while signed out, typically `<SignIn>`. */
  children?: ReactNode
}

/**
 * For the sign-in page: shows `children` while signed out; once the browser holds a session (the user just signed
 * in, or arrived signed in because a protected page found no valid cookie), it sends the token to the session
 * route and goes on to `redirectUrl`.
 *
 * No redirect loop: it goes back only after the session route accepted the token, with the very check the
 * protected pages make. If the route refuses, it says so and offers to sign out, instead of sending the user to
 * a page that would send them here again.
 *
 * @example
 * ```tsx
 * 'use client'
 * import { RedirectWhenSignedIn } from '@plinto/nextjs/client'
 * import { SignIn } from '@plinto/ui'
 *
 * export function SignInFlow({ redirectUrl }: { redirectUrl: string }) {
 *   return (
 *     <RedirectWhenSignedIn redirectUrl={redirectUrl}>
 *       <SignIn />
 *     </RedirectWhenSignedIn>
 *   )
 * }
 * ```
 */
export function RedirectWhenSignedIn({ redirectUrl, children }: RedirectWhenSignedInProps): ReactNode {
  const { isLoaded, isSignedIn } = useUser()
  if (!isLoaded) return <p className="muted">Loading…</p>
  if (isSignedIn) return <ContinueToApp redirectUrl={redirectUrl} />
  return children
}

function ContinueToApp({ redirectUrl }: { redirectUrl: string }) {
  const router = useRouter()
  const sync = useSessionSync()
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
