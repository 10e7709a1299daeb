import { useEffect, useState } from 'react'
import { fetchOutbox, type OutboxResult } from '../dev-outbox'

/** How often the dev inbox looks for new mail: the server sends it in the background. */
const POLL_MS = 2000

export interface OutboxState {
  result?: OutboxResult
  /** Set when the last look failed (the earlier result stays). */
  error?: string
}

/** The dev outbox of `email`, read now and every 2 s while the page is open (not when the server has none). */
export function useOutbox(email: string): OutboxState {
  const [state, setState] = useState<OutboxState & { email?: string }>({})
  useEffect(() => {
    if (!email) return
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const result = await fetchOutbox(email, controller.signal)
        setState({ email, result })
        if (result.kind === 'unavailable') return
      } catch {
        if (controller.signal.aborted) return
        setState((previous) => ({ ...previous, email, error: "Can't reach the Plinto server. Retrying…" }))
      }
      timer = setTimeout(() => void load(), POLL_MS)
    }
    void load()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [email])
  return state.email === email ? state : {}
}
