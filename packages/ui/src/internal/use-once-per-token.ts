import { useEffect, useRef } from 'react'

/**
 * Runs `effect` once per token value. Email and magic-link tokens are single-use: Strict Mode's second
 * effect run (or a re-render) must not send the same token again, which would fail and replace the first
 * result with "link expired".
 */
export function useOncePerToken(token: string | undefined, effect: (token: string) => void): void {
  const done = useRef<string | undefined>(undefined)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `effect` is re-created by every render; only the token decides
  useEffect(() => {
    if (!token || done.current === token) return
    done.current = token
    effect(token)
  }, [token])
}
