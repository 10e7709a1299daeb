/**
 * `@plinto/testing`: MSW handlers backed by the Plinto reference server, for the SDK's tests, Storybook
 * and your own tests.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createPlintoHandlers } from '@plinto/testing'
 * const plinto = createPlintoHandlers({ apiUrl: 'http://localhost:8000' })
 * const server = setupServer(...plinto.handlers)
 * ```
 *
 * @packageDocumentation
 */
export {
  createPlintoHandlers,
  type PlintoHandlers,
  type PlintoHandlersOptions,
  type RecordedRequest,
  type SeedUserInput,
  type SeedOrganizationInput,
} from './create-plinto-handlers'
export { createTestClock, type TestClock } from './test-clock'
export { createFaults, type Faults, type FaultTarget, type RespondFault } from './faults'
export { createCookieJar, type CookieJar, type StoredCookie } from './cookie-jar'
export {
  createVirtualAuthenticator,
  type VirtualAuthenticator,
  type VirtualAuthenticatorOptions,
  type VirtualCredential,
  type RegistrationCredentialJSON,
  type AuthenticationCredentialJSON,
  type CreationOptionsInput,
  type RequestOptionsInput,
  type CeremonyOverrides,
} from './virtual-authenticator'
export {
  installVirtualWebAuthn,
  type VirtualWebAuthn,
  type VirtualWebAuthnOptions,
  type VirtualWebAuthnBehaviour,
} from './virtual-webauthn'
export { encodeCbor, type CborValue } from './cbor'
export { totp } from './totp'
