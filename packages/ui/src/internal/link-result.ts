// How <AuthCallback> tells the page that started a provider link what became of it: it goes back to the link's
// `returnTo` with this query parameter, `linked` or the error code, which the connected accounts section reads
// (and removes from the address bar).

/** The query parameter of the link's outcome. */
export const LINK_RESULT_PARAM = 'plinto_link'

/** `returnTo` (or `fallback`) with the outcome added: `linked`, or the error code of a failed link. */
export function withLinkResult(returnTo: string | null, fallback: string, outcome: string): string {
  const target = returnTo ?? fallback
  const base = typeof window === 'undefined' ? 'http://localhost' : window.location.href
  const url = new URL(target, base)
  url.searchParams.set(LINK_RESULT_PARAM, outcome)
  // Same origin: keep it relative, as the app's navigate expects paths.
  return url.origin === new URL(base).origin ? `${url.pathname}${url.search}${url.hash}` : url.href
}
