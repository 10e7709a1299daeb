import { useState } from 'react'
import { recallReturnTo } from '../return-to'

/**
 * Where to continue after a flow that left the app (OAuth, magic link, verification email): the path
 * the sign-in, sign-up or invitation page remembered, else `fallback`. Read once, when the page opens.
 */
export function useReturnTo(fallback: string): string {
  const [remembered] = useState(recallReturnTo)
  return remembered ?? fallback
}
