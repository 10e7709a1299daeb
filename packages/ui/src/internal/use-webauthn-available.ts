import { useSyncExternalStore } from 'react'

const subscribeNever = () => () => {}

/** Whether this browser exposes WebAuthn at all (a secure page with `PublicKeyCredential`). */
export function webAuthnAvailable(): boolean {
  const scope = globalThis as {
    PublicKeyCredential?: unknown
    navigator?: { credentials?: unknown }
    isSecureContext?: boolean
  }
  return (
    typeof scope.PublicKeyCredential !== 'undefined' &&
    !!scope.navigator?.credentials &&
    scope.isSecureContext !== false
  )
}

/**
 * {@link webAuthnAvailable} for rendering: `true` during server rendering and hydration (the server cannot
 * know; a passkey button that turns out unusable explains itself when pressed), the real answer after.
 */
export function useWebAuthnAvailable(): boolean {
  return useSyncExternalStore(subscribeNever, webAuthnAvailable, () => true)
}
