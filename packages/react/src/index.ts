/**
 * `@plinto/react`: the headless React layer of Plinto — a provider, hooks and gates over the
 * framework-agnostic `PlintoClient`. No styles, no markup of its own; `@plinto/ui` renders on top of it.
 *
 * @example
 * ```tsx
 * import { PlintoProvider, SignedIn, SignedOut, useUser } from '@plinto/react'
 *
 * function Hello() {
 *   const { user } = useUser()
 *   return <p>Hello {user?.first_name}</p>
 * }
 *
 * export const App = () => (
 *   <PlintoProvider config={{ apiUrl: 'https://api.example.com' }}>
 *     <SignedIn><Hello /></SignedIn>
 *     <SignedOut><a href="/sign-in">Sign in</a></SignedOut>
 *   </PlintoProvider>
 * )
 * ```
 *
 * @packageDocumentation
 */
export { PlintoProvider, type PlintoProviderProps } from './plinto-provider'
export { PlintoContext } from './plinto-context'
export type { PlintoInitialState } from './initial-state'
export { usePlinto, type UsePlintoResult } from './use-plinto'
export { useAuth, type UseAuthResult } from './use-auth'
export { useUser, type UseUserResult } from './use-user'
export { useSession, type UseSessionResult } from './use-session'
export { useSessions, type UseSessionsResult } from './use-sessions'
export { useOrganization, type UseOrganizationResult } from './use-organization'
export { useOrganizations, type UseOrganizationsResult } from './use-organizations'
export { useOrganizationMembers, type UseOrganizationMembersResult } from './use-organization-members'
export { useOrganizationInvitations, type UseOrganizationInvitationsResult } from './use-organization-invitations'
export { useMfa, type UseMfaResult } from './use-mfa'
export { usePasskeys, type UsePasskeysResult } from './use-passkeys'
export { useConnectedAccounts, type UseConnectedAccountsResult } from './use-connected-accounts'
export {
  usePhoneVerification,
  type PhoneVerificationStep,
  type UsePhoneVerificationResult,
} from './use-phone-verification'
export { useOAuthProviders, type UseOAuthProvidersResult } from './use-oauth-providers'
export { useReauthentication, type PendingReauthentication } from './use-reauthentication'
export type { QueryResult } from './use-query'
export { SignedIn, type SignedInProps } from './signed-in'
export { SignedOut, type SignedOutProps } from './signed-out'
export { Protect, hasRole, type ProtectProps } from './protect'
