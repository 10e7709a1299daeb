import { installVirtualWebAuthn, type VirtualWebAuthn } from '@plinto/testing'

/** The reference server's default WebAuthn origin (its `appUrl`), which the virtual authenticator signs for. */
const ORIGIN = 'http://localhost:5173'

let current: VirtualWebAuthn | undefined

/**
 * Sets up WebAuthn for a story: `virtual` puts @plinto/testing's software authenticator behind
 * `navigator.credentials`, so passkey stories register and sign in against the mock backend without a real
 * prompt; `unavailable` plays a browser without WebAuthn (the components then explain instead); nothing
 * leaves the browser's own. Whatever the previous story installed is undone first.
 */
export function setStoryWebAuthn(mode: 'virtual' | 'unavailable' | undefined) {
  current?.uninstall()
  current = undefined
  if (mode === 'virtual') current = installVirtualWebAuthn({ origin: ORIGIN })
  if (mode === 'unavailable') current = installVirtualWebAuthn({ origin: ORIGIN, unsupported: true })
}
