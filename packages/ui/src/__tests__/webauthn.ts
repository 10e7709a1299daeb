import { installVirtualWebAuthn, type VirtualAuthenticator, type VirtualWebAuthn } from '@plinto/testing'

/** The reference server's default WebAuthn origin (its `appUrl`). */
export const WEBAUTHN_ORIGIN = 'http://localhost:5173'

let installed: VirtualWebAuthn | undefined

/**
 * A browser with WebAuthn for these tests: @plinto/testing's software authenticator behind
 * `navigator.credentials` (jsdom's navigator stays). `cancel` plays a user who dismisses the prompt.
 */
export function installWebAuthn(options: { cancel?: boolean } = {}): VirtualAuthenticator {
  uninstallWebAuthn()
  installed = installVirtualWebAuthn({ origin: WEBAUTHN_ORIGIN, ...options })
  return installed.authenticator
}

/** Puts back what {@link installWebAuthn} replaced. */
export function uninstallWebAuthn() {
  installed?.uninstall()
  installed = undefined
}
