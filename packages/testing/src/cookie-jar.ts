/**
 * A browser-like cookie jar for the mocked API. Node's fetch keeps no cookies, and MSW only forwards
 * cookies it created itself, so the handlers emulate what a browser does with the server's `Set-Cookie`:
 * store by name/domain/path, honour `Max-Age`/`Expires` (against `Date.now()`, so fake timers age cookies
 * like a browser's clock would) and deletion, and send matching cookies back. `Secure` cookies go only to
 * `https:` URLs and to `localhost`/loopback, as browsers treat those as secure contexts. `SameSite` is not
 * modelled: every request is treated as same-site.
 */

/**
 * One stored cookie, as {@link CookieJar.list} reports it.
 *
 * @example
 * ```ts
 * const cookie: StoredCookie | undefined = plinto.cookies.get('plinto_refresh')
 * cookie?.httpOnly // true
 * ```
 */
export interface StoredCookie {
  name: string
  value: string
  /** Host the cookie belongs to (host-only unless `domain` was set). */
  domain: string
  hostOnly: boolean
  path: string
  /** Unix ms when it expires; undefined for a browser-session cookie. */
  expires: number | undefined
  httpOnly: boolean
  secure: boolean
  sameSite: string | undefined
}

/**
 * The jar behind `plinto.cookies`.
 *
 * @example
 * ```ts
 * plinto.cookies.get('plinto_refresh') // { value: '…', httpOnly: true, path: '/api/v1/auth', … }
 * ```
 */
export interface CookieJar {
  /** Applies the `Set-Cookie` headers of a response to `url`. */
  store(url: URL, setCookieHeaders: readonly string[]): void
  /** The `Cookie` header value for a request to `url`, or undefined when nothing matches. */
  header(url: URL): string | undefined
  /** A live (unexpired) cookie by name. */
  get(name: string): StoredCookie | undefined
  /** All live cookies. */
  list(): StoredCookie[]
  /** Forgets every cookie, as if the browser's cookies were cleared (the next request is signed out). */
  clear(): void
}

/**
 * Creates an empty jar.
 *
 * @example
 * ```ts
 * const jar = createCookieJar()
 * jar.store(new URL('http://localhost:8000/api/v1/auth/signin'), ['a=1; Path=/api/v1/auth; HttpOnly'])
 * jar.header(new URL('http://localhost:8000/api/v1/auth/refresh')) // "a=1"
 * ```
 */
export function createCookieJar(now: () => number = () => Date.now()): CookieJar {
  let cookies: StoredCookie[] = []
  const live = () => {
    const at = now()
    cookies = cookies.filter((c) => c.expires === undefined || c.expires > at)
    return cookies
  }
  return {
    store(url, headers) {
      for (const header of headers) {
        const cookie = parseSetCookie(header, url, now())
        if (!cookie) continue
        cookies = cookies.filter(
          (c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path),
        )
        // A cookie that arrives already expired is a deletion.
        if (cookie.expires === undefined || cookie.expires > now()) cookies.push(cookie)
      }
    },
    header(url) {
      const matching = live()
        .filter(
          (c) => domainMatches(url.hostname, c) && pathMatches(url.pathname, c.path) && (!c.secure || isSecure(url)),
        )
        // RFC 6265 § 5.4: longer paths first.
        .sort((a, b) => b.path.length - a.path.length)
      return matching.length > 0 ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined
    },
    get: (name) => live().find((c) => c.name === name),
    list: () => [...live()],
    clear() {
      cookies = []
    },
  }
}

function parseSetCookie(header: string, url: URL, nowMs: number): StoredCookie | undefined {
  const [pair, ...attributes] = header.split(';')
  const eq = pair?.indexOf('=') ?? -1
  if (!pair || eq <= 0) return undefined
  const cookie: StoredCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    domain: url.hostname,
    hostOnly: true,
    path: defaultPath(url.pathname),
    expires: undefined,
    httpOnly: false,
    secure: false,
    sameSite: undefined,
  }
  let maxAge: number | undefined
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=')
    const key = rawKey.trim().toLowerCase()
    const value = rest.join('=').trim()
    if (key === 'path' && value.startsWith('/')) cookie.path = value
    else if (key === 'domain' && value) {
      cookie.domain = value.replace(/^\./, '').toLowerCase()
      cookie.hostOnly = false
    } else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value)
    else if (key === 'expires' && cookie.expires === undefined) {
      const at = Date.parse(value)
      if (!Number.isNaN(at)) cookie.expires = at
    } else if (key === 'httponly') cookie.httpOnly = true
    else if (key === 'secure') cookie.secure = true
    else if (key === 'samesite') cookie.sameSite = value
  }
  // Max-Age wins over Expires (RFC 6265 § 5.3 step 3).
  if (maxAge !== undefined) cookie.expires = maxAge <= 0 ? 0 : nowMs + maxAge * 1000
  return cookie
}

function defaultPath(pathname: string): string {
  const last = pathname.lastIndexOf('/')
  return last <= 0 ? '/' : pathname.slice(0, last)
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

function domainMatches(host: string, cookie: StoredCookie): boolean {
  if (cookie.hostOnly) return host === cookie.domain
  return host === cookie.domain || host.endsWith(`.${cookie.domain}`)
}

function isSecure(url: URL): boolean {
  return (
    url.protocol === 'https:' ||
    url.hostname === 'localhost' ||
    url.hostname === '127.0.0.1' ||
    url.hostname === '[::1]'
  )
}
