import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'

/**
 * The one-time `?token=` of an emailed link (verification, password reset), kept for this page and
 * removed from the address bar, so it does not stay in the history, get bookmarked or show up in a shared
 * screenshot. Another link opened in the same tab brings its own token.
 */
export function useLinkToken(): string | undefined {
  const [searchParams, setSearchParams] = useSearchParams()
  const inUrl = searchParams.get('token')
  const [token, setToken] = useState(inUrl)
  if (inUrl && inUrl !== token) setToken(inUrl)
  useEffect(() => {
    if (inUrl) setSearchParams({}, { replace: true })
  }, [inUrl, setSearchParams])
  return (inUrl ?? token) || undefined
}
