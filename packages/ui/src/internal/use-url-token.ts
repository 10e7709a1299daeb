import { useRef, useSyncExternalStore } from 'react'
import { urlParam } from './url-param'

const subscribeNever = () => () => {}

/**
 * The one-time token a page was opened with: the `token` prop when given, else `?<param>=` of the URL.
 * `ready` is false during server rendering and hydration, where the URL must not be read (the server
 * does not know it, so reading it would make the first client render differ from the server's HTML).
 * The URL value is captured once: removing the token from the address bar afterwards does not lose it.
 */
export function useUrlToken(prop: string | undefined, param: string): { token: string | undefined; ready: boolean } {
  const hydrated = useSyncExternalStore(subscribeNever, () => true, () => false)
  const captured = useRef<string | null | undefined>(undefined)
  if (prop !== undefined) return { token: prop, ready: true }
  // Idempotent lazy read (same value on a repeated render), so writing the ref during render is safe.
  if (hydrated && captured.current === undefined) captured.current = urlParam(param) ?? null
  return { token: captured.current ?? undefined, ready: hydrated }
}
