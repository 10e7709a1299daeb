/**
 * True when a request comes from a page of this app itself. The session route changes the user's cookie, so a
 * request from another site (a form or a script on evil.example posting its own token: login CSRF) must be
 * refused. Browsers send `Origin` on every POST and DELETE, and `Sec-Fetch-Site` in current versions; the host is
 * compared as Next.js does for server actions (`X-Forwarded-Host` behind a proxy).
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite !== null && fetchSite !== 'same-origin') return false
  const origin = request.headers.get('origin')
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  if (!origin || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
