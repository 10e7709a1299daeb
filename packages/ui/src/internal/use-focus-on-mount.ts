import { useEffect, type RefObject } from 'react'

/**
 * Moves focus to `ref` when the element appears: a new step of a flow (the MFA code field, a "check your
 * email" heading) takes focus so keyboard and screen-reader users continue where the content changed.
 */
export function useFocusOnMount(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    ref.current?.focus()
  }, [ref])
}
