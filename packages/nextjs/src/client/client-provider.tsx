import type { OrganizationRole, User } from '@plinto/typescript-sdk'
import { PlintoProvider, type PlintoProviderProps } from '@plinto/ui'
import { useRouter } from 'next/navigation'
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { browserPlintoClient, type TokenStorageMode } from './browser-client'
import { startSessionSync, type SessionSync } from './session-cookie-sync'

/**
 * Props of {@link PlintoClientProvider}. The root layout's `<PlintoProvider>` (from `@plinto/nextjs`) fills them
 * in from the request; render this one yourself only to build your own server provider.
 *
 * @example
 * ```tsx
 * const props: PlintoClientProviderProps = {
 *   apiUrl: 'https://auth.example.com',
 *   tokenStorage: 'localStorage',
 *   sessionRoute: '/api/session',
 *   serverView: null,
 *   user: null,
 *   children: null,
 * }
 * ```
 */
export interface PlintoClientProviderProps {
  /** Root URL of the Plinto API (no `/api/v1`). */
  apiUrl: string
  /** Where the browser keeps the session: `localStorage`, or the API's HttpOnly cookie (`cookie`). */
  tokenStorage: TokenStorageMode
  /** Path of the session route (`sessionRoute()`'s handlers). */
  sessionRoute: string
  /** What the server rendered the page for (user, session, organization, role), `null` when signed out. */
  serverView: string | null
  /** The signed-in user as the server saw them: rendered at once, with no signed-out or loading flash. */
  user: User | null
  /** When the server's token expires, ms since the epoch. */
  expiresAt?: number
  /** The active organization of the server's token. */
  organizationId?: string | null
  /** The user's role in it. */
  organizationRole?: OrganizationRole | null
  /** Look of `@plinto/ui`'s components. */
  appearance?: PlintoProviderProps['appearance']
  /** Text of `@plinto/ui`'s components. */
  localization?: PlintoProviderProps['localization']
  children?: ReactNode
}

const SessionSyncContext = createContext<SessionSync | null>(null)

/**
 * The client half of `@plinto/nextjs`'s `<PlintoProvider>`: the browser's Plinto client under `@plinto/ui`'s
 * provider, seeded with the server's view of the user; the sync of the session cookie that server code reads;
 * navigation through the Next.js router that waits for the cookie first; and a re-render of the server
 * components whenever the server's view changes (sign-in or out here or in another tab, an organization switch,
 * a role changed at a token refresh).
 *
 * @example
 * ```tsx
 * 'use client'
 * import { PlintoClientProvider } from '@plinto/nextjs/client'
 *
 * export function Providers({ children }: { children: React.ReactNode }) {
 *   return (
 *     <PlintoClientProvider apiUrl="https://auth.example.com" tokenStorage="cookie" sessionRoute="/api/session" serverView={null} user={null}>
 *       {children}
 *     </PlintoClientProvider>
 *   )
 * }
 * ```
 */
export function PlintoClientProvider({
  apiUrl,
  tokenStorage,
  sessionRoute,
  serverView,
  user,
  expiresAt,
  organizationId,
  organizationRole,
  appearance,
  localization,
  children,
}: PlintoClientProviderProps): ReactNode {
  const router = useRouter()
  const [client] = useState(() => browserPlintoClient(apiUrl, tokenStorage))
  const [sync, setSync] = useState<SessionSync | null>(null)
  // The server's view when the page was loaded; later changes are tracked by the sync itself.
  const [viewAtLoad] = useState(serverView)
  // A re-render of the server components, put off by a task: when the change came from this tab's sign-in or
  // sign-out, the component's navigation (below) follows at once and renders the next page for the new
  // session; refreshing the page being left too could send a signed-out user to the sign-in page instead.
  const pendingRefresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    const started = startSessionSync(client, {
      route: sessionRoute,
      serverView: viewAtLoad,
      onServerViewChange: () => {
        clearTimeout(pendingRefresh.current)
        pendingRefresh.current = setTimeout(() => router.refresh(), 0)
      },
    })
    setSync(started)
    return () => {
      started.stop()
      clearTimeout(pendingRefresh.current)
    }
  }, [client, router, sessionRoute, viewAtLoad])

  // After signing in or out, the components navigate (`redirectUrl`, `afterSignOutUrl`). Let the cookie catch
  // up first, so that the next server-rendered page already knows.
  const navigate = useCallback(
    (to: string) =>
      void (sync?.settled() ?? Promise.resolve()).then(() => {
        clearTimeout(pendingRefresh.current)
        router.push(to)
      }),
    [router, sync],
  )

  return (
    <PlintoProvider
      client={client}
      navigate={navigate}
      initialState={{
        user,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        organizationId: organizationId ?? null,
        organizationRole: organizationRole ?? null,
      }}
      {...(appearance === undefined ? {} : { appearance })}
      {...(localization === undefined ? {} : { localization })}
    >
      <SessionSyncContext.Provider value={sync}>{children}</SessionSyncContext.Provider>
    </PlintoProvider>
  )
}

/**
 * The session cookie sync of the provider, to wait for the cookie (`settled()`) or send the token again
 * (`resync()`); `null` until it has started (after hydration).
 *
 * @example
 * ```tsx
 * const sync = useSessionSync()
 * const save = async () => {
 *   await sync?.settled()
 *   router.refresh()
 * }
 * ```
 */
export function useSessionSync(): SessionSync | null {
  return useContext(SessionSyncContext)
}
