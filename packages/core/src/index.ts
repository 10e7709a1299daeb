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
export { DEFAULT_STORAGE_KEY, type PlintoConfig, type ResolvedConfig } from './config'
export { CLIENT_ERROR_CODES, PlintoError, isPlintoError, type ClientErrorCode, type PlintoErrorCode, type PlintoErrorOptions } from './errors'
export type { PlintoEventName, PlintoEvents, SignOutReason } from './events'
export type { AuthSnapshot } from './store'
export type { AuthModule } from './modules/auth'
export type { PlintoContext } from './context'
export { createMemoryStorage } from './storage/memory-storage'
export type { StorageAdapter, TokenStorageType } from './storage/types'
export { SERVER_ERROR_CODES, type ServerErrorCode, type FieldError } from './schemas/errors'
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
} from './schemas/auth'
export type { TokenResponse } from './schemas/tokens'
export type { User } from './schemas/user'
