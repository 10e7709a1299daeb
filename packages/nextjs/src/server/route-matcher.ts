import type { NextRequest } from 'next/server'

/**
 * Which requests a rule applies to: a path pattern, a regular expression tested on the path, a function of the
 * request, or a list of any of these. In a string, `(.*)` matches anything (`'/dashboard(.*)'` is
 * `/dashboard` and everything below it); the rest of the string is matched literally against the whole path.
 *
 * @example
 * ```ts
 * const routes: RouteMatcherInput = ['/dashboard(.*)', /^\/orgs\/[^/]+\/settings$/]
 * ```
 */
export type RouteMatcherInput =
  | string
  | RegExp
  | ((request: NextRequest) => boolean)
  | ReadonlyArray<string | RegExp | ((request: NextRequest) => boolean)>

/**
 * A function telling whether a request matches `routes`, for use in the gate's options or in your own
 * middleware code.
 *
 * @example
 * ```ts
 * const isAdminRoute = createRouteMatcher(['/admin(.*)'])
 * isAdminRoute(request) // true for /admin and /admin/users
 * ```
 */
export function createRouteMatcher(routes: RouteMatcherInput): (request: NextRequest) => boolean {
  const list = Array.isArray(routes) ? routes : [routes as string | RegExp | ((request: NextRequest) => boolean)]
  const tests = list.map((route): ((request: NextRequest) => boolean) => {
    if (typeof route === 'function') return route
    const pattern = typeof route === 'string' ? patternOf(route) : route
    return (request) => pattern.test(request.nextUrl.pathname)
  })
  return (request) => tests.some((test) => test(request))
}

function patternOf(route: string): RegExp {
  if (!route.startsWith('/')) throw new TypeError(`A route pattern is a path starting with "/", got "${route}"`)
  const literal = route.split('(.*)').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${literal.join('.*')}$`)
}
