'use client'

import { PlintoProvider } from '@plinto/ui'
import { useRouter } from 'next/navigation'
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { getPlintoClient, type PlintoClientSettings } from '../lib/plinto-client'
import { startSessionCookieSync, type SessionCookieSync } from '../lib/session-cookie-sync'

export interface ProvidersProps extends PlintoClientSettings {
  /** Whether the request that rendered this page carried the `plinto_session` cookie. */
  serverHasCookie: boolean
  children: ReactNode
}

const SessionCookieContext = createContext<SessionCookieSync | null>(null)

/**
 * The app's client-side root: the Plinto client with `@plinto/ui`'s provider, the sync of the session cookie
 * that server components read, and navigation through the Next.js router.
 */
export function Providers({ apiUrl, tokenStorage, serverHasCookie, children }: ProvidersProps) {
  const router = useRouter()
  const [client] = useState(() => getPlintoClient({ apiUrl, tokenStorage }))
  const [sync, setSync] = useState<SessionCookieSync | null>(null)
  // The cookie's state when the page was loaded; later changes are tracked by the sync itself.
  const [hadCookieAtLoad] = useState(serverHasCookie)

  useEffect(() => {
    // When the server's view of the user changes (signed in or out here, or in another tab), re-render
    // the server components on screen.
    const started = startSessionCookieSync(client, {
      serverHasCookie: hadCookieAtLoad,
      onServerSessionChange: () => router.refresh(),
    })
    setSync(started)
    return () => started.stop()
  }, [client, router, hadCookieAtLoad])

  // After signing in or out, the components navigate (`redirectUrl`, `afterSignOutUrl`). Let the cookie
  // catch up first, so that the next server-rendered page already knows.
  const navigate = useCallback(
    (to: string) => void (sync?.settled() ?? Promise.resolve()).then(() => router.push(to)),
    [router, sync],
  )

  return (
    <PlintoProvider client={client} navigate={navigate}>
      <SessionCookieContext.Provider value={sync}>{children}</SessionCookieContext.Provider>
    </PlintoProvider>
  )
}

/** The session cookie sync of {@link Providers}; `null` until it has started (after hydration). */
export function useSessionCookieSync(): SessionCookieSync | null {
  return useContext(SessionCookieContext)
}
