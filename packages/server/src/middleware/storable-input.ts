import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { FieldError } from '@plinto/contract'
import type { PlintoEnv } from '../env'
import { isUnstorable, refuseUnstorable, unstorableField } from '../http/storable-text'

/**
 * App-wide: path parameters and query parameters that no store can keep (U+0000, a lone surrogate) are refused
 * with 422 `VALIDATION_ERROR` naming the parameter, before any route looks them up. JSON bodies get the same
 * check in `readJson`. A path that matches no route is left to the 404.
 */
export function storableInput(): MiddlewareHandler<PlintoEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const found: FieldError[] = []
    // The pattern of the route that will answer (the last one matched; the app-wide middleware come first).
    const pattern = routePath(c, -1).split('/')
    const segments = url.pathname.split('/')
    if (pattern.length === segments.length) {
      pattern.forEach((part, i) => {
        if (part.startsWith(':') && isUnstorable(decode(segments[i] ?? ''))) found.push(unstorableField(part.slice(1)))
      })
    }
    for (const [name, value] of url.searchParams) {
      if (isUnstorable(value) || isUnstorable(name)) found.push(unstorableField(isUnstorable(name) ? 'query' : name))
    }
    refuseUnstorable(found, 'Invalid request parameters')
    await next()
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    // Not valid percent-encoded UTF-8: routes see it undecoded, which any store can keep.
    return segment
  }
}
