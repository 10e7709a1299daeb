import { createRemoteJWKSet, customFetch } from 'jose'
import { PlintoError } from '../errors'

/**
 * The key resolver `jwtVerify` takes: jose's remote JWKS, with its key cache, cooldown and refetch on an unknown `kid`.
 */
export type RemoteJwks = ReturnType<typeof createRemoteJWKSet>

/**
 * How many JWKS URLs keep a resolver. Apps verify against one or a handful of issuers; the bound only
 * matters to a multi-tenant app that builds URLs per request, which must not grow memory without end.
 */
const MAX_CACHED_URLS = 32

interface CacheEntry {
  /** The resolver that fetches with the global `fetch` (late-bound, see {@link jwksFetch}). */
  global?: RemoteJwks
  /** One resolver per custom `fetch`: requests counted or proxied by one must not be answered from another's cache. */
  custom: WeakMap<typeof fetch, RemoteJwks>
}

// Module level on purpose: every verifyAccessToken() call with the same URL shares one key cache, so keys
// are fetched once per process (or isolate), not once per request.
const cache = new Map<string, CacheEntry>()

/**
 * The shared remote JWKS of `url`, created on first use. jose caches the keys for 10 minutes, shares one
 * in-flight fetch between concurrent callers, and on an unknown `kid` refetches at most every 30 seconds,
 * so a key rotation is picked up without letting forged `kid`s hammer the issuer.
 *
 * @example
 * ```ts
 * const { payload } = await jwtVerify(token, remoteJwks(new URL('https://api.example.com/.well-known/jwks.json'), undefined))
 * ```
 */
export function remoteJwks(url: URL, fetchImpl: typeof fetch | undefined): RemoteJwks {
  const href = url.href
  let entry = cache.get(href)
  if (entry) {
    // Re-inserting keeps the Map in least-recently-used-first order for the eviction below.
    cache.delete(href)
  } else {
    entry = { custom: new WeakMap() }
  }
  cache.set(href, entry)
  if (cache.size > MAX_CACHED_URLS) cache.delete(cache.keys().next().value as string)

  if (fetchImpl === undefined) {
    entry.global ??= create(url, undefined)
    return entry.global
  }
  let jwks = entry.custom.get(fetchImpl)
  if (!jwks) {
    jwks = create(url, fetchImpl)
    entry.custom.set(fetchImpl, jwks)
  }
  return jwks
}

function create(url: URL, fetchImpl: typeof fetch | undefined): RemoteJwks {
  return createRemoteJWKSet(url, { [customFetch]: jwksFetch(url, fetchImpl) })
}

/**
 * The fetch jose uses, turning every way of not getting a JWKS into a `PlintoError` that jose passes
 * through untouched: jose would otherwise surface a bare `TypeError` for a refused connection and one
 * generic error for both "HTTP 503" and "not JSON", and callers could not tell an outage (answer 503,
 * retry) from a bad token (answer 401).
 */
function jwksFetch(url: URL, fetchImpl: typeof fetch | undefined): typeof fetch {
  // Origin and path only: a query string or user-info in the URL may hold credentials, and messages get logged.
  const where = `${url.origin}${url.pathname}`
  return async (input, init) => {
    let response: Response
    let body: string
    try {
      // Read `globalThis.fetch` per call, not once: test tools and instrumentation patch it after import.
      response = await (fetchImpl ?? globalThis.fetch)(input, init)
      if (response.status !== 200) {
        // Release the connection; the body of an error page is of no use here.
        await response.body?.cancel().catch(() => {})
        throw new PlintoError(
          'NETWORK_ERROR',
          `The JWKS at ${where} answered HTTP ${response.status}, expected 200` +
            (response.status >= 300 && response.status < 400 ? ' (redirects are not followed: use the final URL)' : ''),
          // Retrying helps with an outage or a rate limit, not with a wrong URL.
          {
            status: response.status,
            retryable: response.status >= 500 || response.status === 408 || response.status === 429,
          },
        )
      }
      body = await response.text()
    } catch (error) {
      if (error instanceof PlintoError) throw error
      // jose aborts the request through AbortSignal.timeout() (5 s), which rejects with a TimeoutError
      // DOMException; matched by name, as not every runtime's DOMException extends Error.
      if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
        throw new PlintoError('TIMEOUT', `Timed out fetching the JWKS at ${where}`, { retryable: true, cause: error })
      }
      throw new PlintoError('NETWORK_ERROR', `Could not fetch the JWKS at ${where}`, { retryable: true, cause: error })
    }
    try {
      JSON.parse(body)
    } catch (cause) {
      throw new PlintoError('INVALID_RESPONSE', `The JWKS at ${where} is not JSON`, { status: 200, cause })
    }
    // jose parses this copy again; a JWKS is a few hundred bytes and is fetched once per cache period.
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
  }
}
