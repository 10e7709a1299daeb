import { useEffect, useRef } from 'react'
import type { PlintoEventName, PlintoEvents } from '@plinto/typescript-sdk'
import { usePlinto } from '@plinto/ui'

/**
 * Calls `listener` for each `event` of the provider's client while the component is mounted. The latest
 * `listener` is used, so it may close over props and state without resubscribing.
 */
export function usePlintoEvent<E extends PlintoEventName>(
  event: E,
  listener: (payload: PlintoEvents[E]) => void,
): void {
  const { client } = usePlinto()
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event])
}
