/** A query parameter of the current page, or undefined (also during server rendering). */
export function urlParam(name: string): string | undefined {
  if (typeof window === 'undefined') return undefined
  return new URLSearchParams(window.location.search).get(name) ?? undefined
}

/**
 * Removes a one-time token from the address bar once it has been read, so it does not stay in the
 * history, get bookmarked, or leak through a shared screenshot. The page does not reload.
 */
export function forgetUrlParam(name: string): void {
  if (typeof window === 'undefined') return
  const url = new URL(window.location.href)
  if (!url.searchParams.has(name)) return
  url.searchParams.delete(name)
  window.history.replaceState(window.history.state, '', url)
}
