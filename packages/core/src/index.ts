/**
 * `@plinto/typescript-sdk`: the framework-agnostic Plinto client.
 *
 * @example
 * ```ts
 * import { PlintoClient } from '@plinto/typescript-sdk'
 * const plinto = new PlintoClient({ apiUrl: 'https://api.example.com' })
 * const { user } = await plinto.auth.signIn({ email, password })
 * ```
 *
 * @packageDocumentation
 */
export { PlintoClient, type PlintoClientOptions } from './client'
export {
  DEFAULT_STORAGE_KEY,
  type PlintoConfig,
  type ReauthenticationHandler,
  type ReauthenticationRequest,
  type ResolvedConfig,
} from './config'
export {
  CLIENT_ERROR_CODES,
  PlintoError,
  isPlintoError,
  isReauthenticationRequired,
  type ClientErrorCode,
  type PlintoErrorCode,
  type PlintoErrorOptions,
  type RateLimitInfo,
} from './errors'
export type { PlintoEventName, PlintoEvents, SignOutReason } from './events'
export type { AuthSnapshot } from './store'
export type { AuthModule, AuthModuleDeps, MFASetupResponse, ReauthenticateInput } from './modules/auth'
export type { UsersModule } from './modules/users'
export type { SessionsModule } from './modules/sessions'
export type { OrganizationsModule } from './modules/organizations'
export type { MfaModule } from './modules/mfa'
export type { PasskeysModule, PasskeyAuthRequest, PasskeyRegisterRequest } from './modules/passkeys'
export type { InitiateOAuthOptions, LinkOAuthProviderOptions, OAuthFlows, OAuthLinkResult } from './modules/oauth'
export type { PhoneVerificationCalls } from './modules/phone'
/**
 * @deprecated Internal plumbing of the module factories, no longer part of the public API; removed in the
 * next minor version. Nothing in the SDK's public methods takes or returns it.
 *
 * @example
 * ```ts
 * // Before: import type { PlintoContext } from '@plinto/typescript-sdk' — use the client's public methods instead.
 * ```
 */
export type PlintoContext = import('./module-context').ModuleContext
export { createMemoryStorage } from './storage/memory-storage'
export type { StorageAdapter, TokenStorageType } from './storage/types'
export { SERVER_ERROR_CODES, type ServerErrorCode } from '@plinto/contract/error-codes'
export type { FieldError } from '@plinto/contract/errors'
export type {
  AuthResponse,
  ChangePasswordRequest,
  ForgotPasswordRequest,
  MagicLinkRequest,
  MessageResponse,
  MfaChallengeRequest,
  MfaMethod,
  MfaRequiredResponse,
  RefreshTokenRequest,
  ResetPasswordRequest,
  SignInRequest,
  SignUpRequest,
  TokenRequest,
} from '@plinto/contract'
export type { TokenResponse } from '@plinto/contract'
export type { User } from '@plinto/contract'
export type {
  Session,
  SessionDevice,
  SessionListResponse,
  SessionLocation,
  RevokeAllSessionsResponse,
} from '@plinto/contract'
export type { UpdateUserRequest, DeleteUserRequest } from '@plinto/contract'
export type {
  AcceptInvitationResponse,
  CreateOrganizationRequest,
  Invitation,
  InvitationListResponse,
  InviteMemberRequest,
  Member,
  MemberListResponse,
  Organization,
  OrganizationListResponse,
  OrganizationRole,
  UpdateMemberRoleRequest,
  UpdateOrganizationRequest,
} from '@plinto/contract'
export type {
  BackupCodesResponse,
  MfaChallengeSendRequest,
  MfaCodeRequest,
  MfaEnabledResponse,
  MfaStatus,
  SmsEnableRequest,
  TotpSetupResponse,
} from '@plinto/contract'
export type { Passkey, PasskeyListResponse, UpdatePasskeyRequest } from '@plinto/contract'
export type {
  ReauthenticateRequest,
  ReauthenticateResponse,
  ReauthenticationMethod,
} from '@plinto/contract/reauthentication'
export type { ConnectedIdentity, OAuthProvider, OAuthProvidersResponse, SignInMethods } from '@plinto/contract'
export type { PhoneVerificationStarted, SetPhoneNumberRequest, VerifyPhoneRequest } from '@plinto/contract'
