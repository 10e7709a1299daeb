import { useEffect, useRef, useSyncExternalStore } from 'react'
import { forgetUrlParam, urlParam } from './url-param'

const subscribeNever = () => () => {}

/**
 * The one-time token a page was opened with: the `token` prop when given, else `?<param>=` of the URL.
 * `ready` is false during server rendering and hydration, where the URL must not be read (the server
 * does not know it, so reading it would make the first client render differ from the server's HTML).
 *
 * A token read from the URL is captured once, then removed from the address bar (history, bookmarks,
 * screenshots and the Referer of later requests never see it); the component keeps using the captured
 * value, also on re-renders and Strict Mode's second effect run. A token passed as a prop is the app's to
 * manage: the URL is left alone.
 */
export function useUrlToken(prop: string | undefined, param: string): { token: string | undefined; ready: boolean } {
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
  const captured = useRef<string | null | undefined>(undefined)
  // Idempotent lazy read (same value on a repeated render), so writing the ref during render is safe.
  if (prop === undefined && hydrated && captured.current === undefined) captured.current = urlParam(param) ?? null
  const fromUrl = prop === undefined ? (captured.current ?? undefined) : undefined
  useEffect(() => {
    if (fromUrl !== undefined) forgetUrlParam(param)
  }, [fromUrl, param])
  if (prop !== undefined) return { token: prop, ready: true }
  return { token: fromUrl, ready: hydrated }
}
