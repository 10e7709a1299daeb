import { useEffect } from 'react'
import { useSearchParams } from 'react-router'
import { forgetReturnTo, rememberReturnTo, safePath } from '../return-to'

/**
 * The `?redirect=` path of the sign-in and sign-up pages (a path inside the app, else undefined). It is
 * also remembered for the flows that leave the page on the way (OAuth, magic link, verification email);
 * without one, an older remembered path is forgotten, so it cannot send a later sign-in elsewhere.
 */
export function useRedirectParam(): string | undefined {
  const [searchParams] = useSearchParams()
  const requested = safePath(searchParams.get('redirect'))
  useEffect(() => {
    if (requested) rememberReturnTo(requested)
    else forgetReturnTo()
  }, [requested])
  return requested
}
