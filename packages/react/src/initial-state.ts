import { createContext } from 'react'
import type { AuthSnapshot, OrganizationRole, User } from '@plinto/typescript-sdk'
import { SERVER_SNAPSHOT } from './server-snapshot'

/**
 * What a server that already knows the user (it verified the session cookie of the request) hands to
 * {@link PlintoProvider} through `initialState`, so that server rendering, hydration and the first client
 * render show the signed-in (or signed-out) UI at once, instead of "loading".
 *
 * @example
 * ```tsx
 * const initialState: PlintoInitialState = { user, expiresAt: claims.exp * 1000, organizationId: null, organizationRole: null }
 * <PlintoProvider config={{ apiUrl }} initialState={initialState}>{children}</PlintoProvider>
 * ```
 */
export interface PlintoInitialState {
  /** The signed-in user as the server saw it; `null` when the request was signed out. */
  user: User | null
  /** When the server's copy of the access token expires, ms since the epoch. */
  expiresAt?: number
  /** The organization the server's token was for (its `org_id` claim); `null` for none. */
  organizationId?: string | null
  /** The user's role in it (the token's `org_role` claim); `null` for none. */
  organizationRole?: OrganizationRole | null
}

/** The snapshot every hook reads while the client is still `loading`: the server's view, or "loading". */
export const InitialSnapshotContext = createContext<AuthSnapshot>(SERVER_SNAPSHOT)
InitialSnapshotContext.displayName = 'PlintoInitialSnapshotContext'

/** `initialState` as a frozen snapshot; `SERVER_SNAPSHOT` ("loading") when there is none. */
export function initialSnapshot(state: PlintoInitialState | undefined): AuthSnapshot {
  if (!state) return SERVER_SNAPSHOT
  if (!state.user) {
    return Object.freeze({
      status: 'signed_out',
      user: null,
      expiresAt: null,
      organizationId: null,
      organizationRole: null,
    })
  }
  return Object.freeze({
    status: 'signed_in',
    user: state.user,
    expiresAt: state.expiresAt ?? 0,
    organizationId: state.organizationId ?? null,
    organizationRole: state.organizationRole ?? null,
  })
}
