import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'

/**
 * The one-time `?token=` of an emailed link (verification, password reset), kept for this page and
 * removed from the address bar, so it does not stay in the history, get bookmarked or show up in a shared
 * screenshot. Another link opened in the same tab brings its own token.
 *
 * Why not let `<VerifyEmail>` / `<ResetPassword>` do it: they do, when they read the token from the URL
 * themselves, with `history.replaceState`. React Router is not told about that call and keeps its own copy
 * of the location: `useLocation()` and `useSearchParams()` would go on showing the token, and opening the
 * same link again would put it back in the address bar for good (the router's location, hence the page,
 * would not change, so nothing would remove it). Here the router removes the token, and the components get
 * it as a prop (then they leave the URL alone). Without a client-side router, or with one that follows
 * `history.replaceState` (the Next.js App Router), render them without `token` and let them do it.
 */
export function useLinkToken(): string | undefined {
  const [searchParams, setSearchParams] = useSearchParams()
  const inUrl = searchParams.get('token')
  const [token, setToken] = useState(inUrl)
  if (inUrl && inUrl !== token) setToken(inUrl)
  useEffect(() => {
    if (!inUrl) return
    setSearchParams(
      (params) => {
        params.delete('token')
        return params
      },
      { replace: true },
    )
  }, [inUrl, setSearchParams])
  return (inUrl ?? token) || undefined
}
