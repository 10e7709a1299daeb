import { NextResponse, type NextRequest } from 'next/server'
import { type PlintoNextOptions, RETURN_PATH_HEADER, SESSION_COOKIE, resolveConfig } from './config'
import { createRouteMatcher, type RouteMatcherInput } from './route-matcher'
import { signInLocation } from './return-path'
import { DEFAULT_SESSION_ROUTE } from './session-route'
import { verifySessionToken } from './verify-session'

/**
 * Options of {@link plintoMiddleware}: which routes need a signed-in user, and the settings of
 * {@link PlintoNextOptions}.
 *
 * @example
 * ```ts
 * const options: PlintoMiddlewareOptions = {
 *   protectedRoutes: ['/dashboard(.*)', '/api(.*)'],
 *   publicRoutes: ['/api/health'],
 * }
 * ```
 */
export interface PlintoMiddlewareOptions extends PlintoNextOptions {
  /** Routes that need a signed-in user. Default: none (the gate then only passes the return path on). */
  protectedRoutes?: RouteMatcherInput
  /** Exceptions: routes that stay open even though `protectedRoutes` matches them. */
  publicRoutes?: RouteMatcherInput
  /**
   * Routes answered with a 401 JSON error instead of a redirect when signed out. Default: `'/api(.*)'`.
   */
  apiRoutes?: RouteMatcherInput
  /** Path of the session cookie route (always open: signing in goes through it). Default `'/api/session'`. */
  sessionRoute?: string
}

const NO_STORE = { 'cache-control': 'no-store' }

/**
 * The request-time gate, for Next.js's `middleware.ts` (Next 15) or `proxy.ts` (Next 16). For a protected route
 * it verifies the `plinto_session` cookie locally (ES256 against the Plinto server's JWKS, fetched once and
 * cached, refetched on an unknown key ID after a rotation; issuer, audience, expiry). Signed out, a page request
 * is redirected to the sign-in page with `redirect_url` set to the path asked for, and an API request gets
 * `401 { error_code: "UNAUTHORIZED" }`. Every request it sees carries the path on to `auth().protect()`.
 *
 * The gate is the first line; pages still call `auth()` (or `currentUser()`), which also see a session that ends
 * between the gate and the render.
 *
 * @example
 * ```ts
 * // proxy.ts (Next 16) or middleware.ts (Next 15), next to app/
 * import { plintoMiddleware } from '@plinto/nextjs/server'
 *
 * export default plintoMiddleware({ protectedRoutes: ['/dashboard(.*)', '/api(.*)'] })
 *
 * // Skip Next's own files and static assets.
 * export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|css|js)$).*)'] }
 * ```
 */
export function plintoMiddleware(options: PlintoMiddlewareOptions = {}): (request: NextRequest) => Promise<Response> {
  const isProtected = options.protectedRoutes ? createRouteMatcher(options.protectedRoutes) : () => false
  const isPublic = options.publicRoutes ? createRouteMatcher(options.publicRoutes) : () => false
  const isApi = createRouteMatcher(options.apiRoutes ?? '/api(.*)')
  const sessionRoute = options.sessionRoute ?? DEFAULT_SESSION_ROUTE

  return async (request) => {
    // Read at request time: one build serves any environment.
    const config = resolveConfig(options)
    const { pathname, search } = request.nextUrl
    const returnPath = `${pathname}${search}`
    const open =
      !isProtected(request) || isPublic(request) || pathname === sessionRoute || pathname === config.signInUrl

    if (!open) {
      const token = request.cookies.get(SESSION_COOKIE)?.value
      const claims = await verifySessionToken(token, config)
      if (!claims) {
        // A page fetched by the router (a prefetch of a <Link>, or a client-side navigation), not loaded as a
        // document. Next hides its own prefetch headers from the gate, and caches where a prefetched route leads,
        // redirects included, for minutes: after signing in, the router would still send the user to the
        // sign-in page. So these get a 401 without a redirect: a prefetch caches nothing, and a navigation falls
        // back to loading the page as a document, which the redirect below answers. (`Sec-Fetch-Dest` comes from
        // browsers on HTTPS and localhost; elsewhere the redirect is all there is.)
        const fetchDest = request.headers.get('sec-fetch-dest')
        if (fetchDest !== null && fetchDest !== 'document' && !isApi(request)) {
          return new NextResponse(null, { status: 401, headers: NO_STORE })
        }
        const response = isApi(request)
          ? NextResponse.json(
              { error_code: 'UNAUTHORIZED', detail: 'Sign in to use this route' },
              { status: 401, headers: NO_STORE },
            )
          : NextResponse.redirect(new URL(signInLocation(config.signInUrl, returnPath), request.url))
        // A cookie that no longer verifies (expired, keys changed) is of no use to any later request.
        if (token !== undefined) response.cookies.delete(SESSION_COOKIE)
        return response
      }
    }

    const forwarded = new Headers(request.headers)
    forwarded.set(RETURN_PATH_HEADER, returnPath)
    return NextResponse.next({ request: { headers: forwarded } })
  }
}
