import { PlintoClientProvider, type PlintoClientProviderProps, type TokenStorageMode } from '@plinto/nextjs/client'
import { auth, currentUser } from '@plinto/nextjs/server'
import type { ReactNode } from 'react'
import { environment } from './server/config'
import { viewOfClaims } from './session-view'

/**
 * Props of {@link PlintoProvider}. Everything is optional: the settings come from the server's environment
 * (`PLINTO_API_URL`, `PLINTO_TOKEN_STORAGE`), read per request.
 *
 * @example
 * ```tsx
 * const props: PlintoProviderProps = { tokenStorage: 'cookie', children: null }
 * ```
 */
export interface PlintoProviderProps {
  /** Root URL of the Plinto API the browser talks to. Default: `PLINTO_API_URL`. */
  apiUrl?: string
  /**
   * Where the browser keeps the session: `localStorage` (default), or `cookie` (the refresh token in the API's
   * HttpOnly cookie; the app and the API must then be the same site). Default: `PLINTO_TOKEN_STORAGE`.
   */
  tokenStorage?: TokenStorageMode
  /** Path of the session route. Default `/api/session`. */
  sessionRoute?: string
  /** Look of `@plinto/ui`'s components (plain data: it crosses from the server to the client). */
  appearance?: PlintoClientProviderProps['appearance']
  /** Text of `@plinto/ui`'s components. */
  localization?: PlintoClientProviderProps['localization']
  children?: ReactNode
}

/**
 * The provider for the root layout, a server component. It reads the request's session ({@link auth} and
 * `currentUser()`, which the page shares: one `GET /auth/me` per request) and hands it to the browser's Plinto
 * client, so the very first paint, server HTML and hydration alike, already shows the signed-in user (no flash
 * of signed-out or loading UI), whichever token storage the browser uses. In the browser it keeps the app's
 * session cookie in step with the client's tokens and re-renders the server components when the user, session,
 * organization or role changes. `@plinto/ui`'s components and hooks work anywhere below it.
 *
 * Reading the request's cookies makes every page render per request.
 *
 * @example
 * ```tsx
 * // app/layout.tsx
 * import { PlintoProvider } from '@plinto/nextjs'
 * import '@plinto/ui/styles.css'
 *
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return (
 *     <html lang="en">
 *       <body>
 *         <PlintoProvider>{children}</PlintoProvider>
 *       </body>
 *     </html>
 *   )
 * }
 * ```
 */
export async function PlintoProvider({
  apiUrl,
  tokenStorage,
  sessionRoute = '/api/session',
  appearance,
  localization,
  children,
}: PlintoProviderProps): Promise<ReactNode> {
  const { claims } = await auth()
  // A token whose session ended on the server renders signed out, as every page below would.
  const user = claims ? await currentUser() : null
  const env = environment()
  const resolvedApiUrl = (apiUrl ?? env.PLINTO_API_URL ?? '').replace(/\/+$/, '')
  const storage = tokenStorage ?? (env.PLINTO_TOKEN_STORAGE === 'cookie' ? 'cookie' : 'localStorage')
  return (
    <PlintoClientProvider
      apiUrl={resolvedApiUrl}
      tokenStorage={storage}
      sessionRoute={sessionRoute}
      serverView={user && claims ? viewOfClaims(claims) : null}
      user={user}
      {...(user && claims
        ? {
            expiresAt: claims.exp * 1000,
            organizationId: claims.org_id ?? null,
            organizationRole: claims.org_role ?? null,
          }
        : {})}
      {...(appearance === undefined ? {} : { appearance })}
      {...(localization === undefined ? {} : { localization })}
    >
      {children}
    </PlintoClientProvider>
  )
}
