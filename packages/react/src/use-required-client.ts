import { useContext } from 'react'
import type { PlintoClient } from '@plinto/typescript-sdk'
import { PlintoContext } from './plinto-context'

/**
 * The client of the nearest provider. Throws a descriptive error outside one, so a missing provider fails
 * loudly at the first render instead of as a `null` much later. `hookName` names the caller in the error.
 */
export function useRequiredClient(hookName: string): PlintoClient {
  const client = useContext(PlintoContext)
  if (!client) {
    throw new Error(
      `${hookName}() must be used inside <PlintoProvider>. Wrap your app (or this part of it) in ` +
        `<PlintoProvider client={plintoClient}> or <PlintoProvider config={{ apiUrl }}>.`,
    )
  }
  return client
}
