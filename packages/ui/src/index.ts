/**
 * `@plinto/ui`: accessible, themeable React components for Plinto auth. Re-exports all of
 * `@plinto/react`, so one import gives the provider, the hooks and the components.
 *
 * @example
 * ```tsx
 * import { PlintoProvider, SignIn, SignUp, UserButton } from '@plinto/ui'
 * import '@plinto/ui/styles.css'
 *
 * <PlintoProvider client={plintoClient}>
 *   <SignIn redirectUrl="/dashboard" />
 *   <SignUp redirectUrl="/dashboard" />
 *   <UserButton />
 * </PlintoProvider>
 * ```
 *
 * @packageDocumentation
 */
// Everything of @plinto/react but its provider, by name: Next 15's webpack build refuses `export *` in a client
// module ('use client'), and `src/__tests__/re-exports.test.ts` keeps this list complete.
export {
  PlintoContext,
  Protect,
  SignedIn,
  SignedOut,
  hasRole,
  useAuth,
  useMfa,
  useOAuthProviders,
  useOrganization,
  useOrganizationInvitations,
  useOrganizationMembers,
  useOrganizations,
  usePasskeys,
  useConnectedAccounts,
  usePhoneVerification,
  usePlinto,
  useReauthentication,
  useSession,
  useSessions,
  useUser,
  type PlintoInitialState,
  type PendingReauthentication,
  type ProtectProps,
  type QueryResult,
  type SignedInProps,
  type SignedOutProps,
  type UseAuthResult,
  type UseMfaResult,
  type UseOAuthProvidersResult,
  type UseOrganizationInvitationsResult,
  type UseOrganizationMembersResult,
  type UseOrganizationResult,
  type UseOrganizationsResult,
  type UsePasskeysResult,
  type UseConnectedAccountsResult,
  type UsePhoneVerificationResult,
  type PhoneVerificationStep,
  type UsePlintoResult,
  type UseSessionResult,
  type UseSessionsResult,
  type UseUserResult,
} from '@plinto/react'
// @plinto/react's provider and props, with the same behaviour plus appearance, localization, unstyled and navigate.
export { PlintoProvider, type PlintoProviderProps } from './plinto-provider'
export { SignIn, type SignInProps } from './sign-in/sign-in'
export { SignUp, type SignUpProps } from './sign-up/sign-up'
export { UserButton, type UserButtonProps } from './user-button/user-button'
export { ForgotPassword, type ForgotPasswordProps } from './forgot-password/forgot-password'
export { ResetPassword, type ResetPasswordProps } from './reset-password/reset-password'
export { VerifyEmail, type VerifyEmailProps } from './verify-email/verify-email'
export { AuthCallback, type AuthCallbackProps } from './auth-callback/auth-callback'
export { OrganizationSwitcher, type OrganizationSwitcherProps } from './organization/organization-switcher'
export { CreateOrganization, type CreateOrganizationProps } from './organization/create-organization'
export {
  UserProfile,
  type UserProfilePane,
  type UserProfileProps,
  type UserProfileSection,
} from './user-profile/user-profile'
export {
  OrganizationProfile,
  type OrganizationProfilePane,
  type OrganizationProfileProps,
} from './organization/organization-profile'
export { MfaSetup, type MfaMethod, type MfaSetupProps } from './user-profile/mfa-setup'
export { PasskeySetup, type PasskeySetupProps } from './user-profile/passkey-setup'
export type { PaneRouting } from './internal/use-pane'
export {
  ReauthenticationDialog,
  type ReauthenticationDialogProps,
} from './reauthentication/reauthentication-dialog'
export { CONNECTED_ACCOUNTS_SECTION } from './user-profile/connected-accounts-section'
export { DELETE_ACCOUNT_SECTION } from './user-profile/delete-account-section'
export { PHONE_SECTION } from './user-profile/phone-section'
export { PhoneVerification, type PhoneVerificationProps } from './phone-verification/phone-verification'
export type { Appearance, AppearanceElement, AppearanceVariables } from './appearance/appearance'
export type { PresentationProps } from './internal/use-ui'
export type { RootAttributes } from './internal/root-attributes'
export type { LocalizationOverrides, PlintoLocalization } from './localization/localization'
export { en } from './localization/en'
export { es } from './localization/es'
