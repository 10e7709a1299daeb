import { createContext } from 'react'
import type { PlintoClient } from '@plinto/typescript-sdk'

/**
 * The React context that carries the {@link PlintoClient}. It holds the client and nothing else: auth
 * state is read from the client's store by each hook, so a context change never re-renders the tree.
 * Prefer {@link PlintoProvider} and the hooks; the context is exported for libraries that wrap Plinto.
 *
 * @example
 * ```tsx
 * const client = useContext(PlintoContext) // null outside <PlintoProvider>
 * ```
 */
export const PlintoContext = createContext<PlintoClient | null>(null)
PlintoContext.displayName = 'PlintoContext'
