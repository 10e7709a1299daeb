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
export * from '@plinto/react'
// Shadows @plinto/react's provider and props (a local export wins over `export *`): same behaviour, plus
// appearance, localization, unstyled and navigate.
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
export { OrganizationProfile, type OrganizationProfileProps } from './organization/organization-profile'
export { UserProfile, type UserProfileProps, type UserProfileSection } from './user-profile/user-profile'
export type { Appearance, AppearanceElement, AppearanceVariables } from './appearance/appearance'
export type { PresentationProps } from './internal/use-ui'
export type { RootAttributes } from './internal/root-attributes'
export type { LocalizationOverrides, PlintoLocalization } from './localization/localization'
export { en } from './localization/en'
export { es } from './localization/es'
