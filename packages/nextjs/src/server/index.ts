/**
 * `@plinto/nextjs/server`: the server side of Plinto in a Next.js App Router app. The request-time gate
 * ({@link plintoMiddleware}, for `proxy.ts` or `middleware.ts`), {@link auth} and {@link currentUser} for
 * server components, route handlers and server actions, and {@link sessionRoute}, the route that keeps the
 * app's session cookie in step with the browser.
 *
 * @example
 * ```ts
 * // proxy.ts
 * import { plintoMiddleware } from '@plinto/nextjs/server'
 * export default plintoMiddleware({ protectedRoutes: ['/dashboard(.*)'] })
 *
 * // app/api/session/route.ts
 * import { sessionRoute } from '@plinto/nextjs/server'
 * export const { POST, DELETE } = sessionRoute()
 * ```
 *
 * @packageDocumentation
 */
export { auth, currentUser } from './auth'
export type { PlintoAuth, SignedInAuth } from './auth-object'
export { SESSION_COOKIE, type PlintoNextOptions } from './config'
export { plintoMiddleware, type PlintoMiddlewareOptions } from './gate'
export { safeReturnPath } from './return-path'
export { createRouteMatcher, type RouteMatcherInput } from './route-matcher'
export { sessionRoute, type SessionRouteHandlers } from './session-route'
