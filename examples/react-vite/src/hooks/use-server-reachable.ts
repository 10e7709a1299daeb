import { useState } from 'react'
import { usePlinto } from '@plinto/ui'
import { usePlintoEvent } from './use-plinto-event'

/**
 * Whether the Plinto server answered the client's last background request. A background refresh that
 * fails for a transient reason (network error or timeout, 5xx, 429: `error.retryable`) keeps the session:
 * the client retries with jittered backoff and emits `error` each time. That is "offline, retrying", not
 * a sign-out. New tokens (`tokenRefreshed`) or a new session mean the server is back.
 */
export function useServerReachable(): boolean {
  const { client } = usePlinto()
  const [reachable, setReachable] = useState(true)
  usePlintoEvent('error', (error) => {
    if (error.retryable && client.getSnapshot().status === 'signed_in') setReachable(false)
  })
  usePlintoEvent('tokenRefreshed', () => setReachable(true))
  usePlintoEvent('signedIn', () => setReachable(true))
  usePlintoEvent('signedOut', () => setReachable(true))
  return reachable
}
