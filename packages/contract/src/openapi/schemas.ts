import * as z from 'zod/mini'
import {
  AuthResponseSchema,
  MfaRequiredResponseSchema,
  MessageResponseSchema,
  ChangePasswordRequestSchema,
  ForgotPasswordRequestSchema,
  MagicLinkRequestSchema,
  EmailCodeSendRequestSchema,
  EmailCodeVerifyRequestSchema,
  MfaChallengeRequestSchema,
  RefreshRequestSchema,
  ResetPasswordRequestSchema,
  SignInRequestSchema,
  SignInResponseSchema,
  EmailCodeVerifyResponseSchema,
  SignUpRequestSchema,
  SwitchOrganizationRequestSchema,
  TokenRequestSchema,
} from '../auth'
import { ErrorBodySchema } from '../errors'
import { HealthResponseSchema, OutboxResponseSchema } from '../health'
import {
  BackupCodesResponseSchema,
  MfaChallengeSendRequestSchema,
  MfaCodeRequestSchema,
  MfaEnabledResponseSchema,
  MfaStatusSchema,
  SmsEnableRequestSchema,
  TotpSetupResponseSchema,
} from '../mfa'
import {
  OAuthAuthorizeRequestSchema,
  OAuthAuthorizeResponseSchema,
  OAuthCallbackRequestSchema,
  OAuthProvidersResponseSchema,
  SignInMethodsSchema,
} from '../oauth'
import {
  AcceptInvitationResponseSchema,
  CreateOrganizationRequestSchema,
  InvitationListResponseSchema,
  InvitationSchema,
  InviteMemberRequestSchema,
  MemberListResponseSchema,
  MemberSchema,
  OrganizationListResponseSchema,
  OrganizationSchema,
  UpdateMemberRoleRequestSchema,
  UpdateOrganizationRequestSchema,
} from '../organizations'
import {
  PasskeyAuthenticateOptionsRequestSchema,
  PasskeyAuthenticateVerifyRequestSchema,
  PasskeyCreationOptionsSchema,
  PasskeyListResponseSchema,
  PasskeyRegisterVerifyRequestSchema,
  PasskeyRequestOptionsSchema,
  PasskeySchema,
  UpdatePasskeyRequestSchema,
} from '../passkeys'
import { ReauthenticateRequestSchema, ReauthenticateResponseSchema } from '../reauthentication'
import { RevokeAllSessionsResponseSchema, SessionListResponseSchema, SessionSchema } from '../sessions'
import { TokenResponseSchema } from '../tokens'
import { UserSchema } from '../user'
import {
  DeleteUserRequestSchema,
  PhoneVerificationStartedSchema,
  SetPhoneNumberRequestSchema,
  UpdateUserRequestSchema,
  VerifyPhoneRequestSchema,
} from '../users'

// Shapes the server sends that the SDK never parses, so they have no schema in the wire modules. Declared
// here with zod/mini as well, so the whole document comes from one kind of source.

const LivenessResponseSchema = z.object({ status: z.literal('ok') })
const ReadinessResponseSchema = z.object({ status: z.literal('ok'), checks: z.object({ database: z.boolean() }) })
// 503 from the readiness probe: the contract error body plus the check results for operators.
const ReadinessUnavailableSchema = z.extend(ErrorBodySchema, {
  status: z.literal('unavailable'),
  checks: z.object({ database: z.boolean() }),
})
// RFC 7517 public keys (ES256); members beyond these are allowed by the RFC.
const JwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kty: z.string(), kid: z.string(), alg: z.optional(z.string()), use: z.optional(z.string()) }),
  ),
})
const OpenApiDocumentSchema = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
// The form the dev provider's consent page posts.
const DevConsentFormSchema = z.object({
  state: z.string(),
  decision: z.enum(['approve', 'deny']),
  email: z.optional(z.string()),
  first_name: z.optional(z.string()),
  last_name: z.optional(z.string()),
})

/**
 * The named response schemas of the document (`components.schemas`), rendered with zod's `io: 'output'`.
 * Object schemas are closed (`additionalProperties: false`): the server may not send fields the contract
 * does not name.
 *
 * @example
 * ```ts
 * import { responseSchemas } from '@plinto/contract/openapi'
 * responseSchemas.AuthResponse // the zod/mini schema of `{ user, tokens }`
 * ```
 */
export const responseSchemas = {
  User: UserSchema,
  PhoneVerificationStarted: PhoneVerificationStartedSchema,
  TokenResponse: TokenResponseSchema,
  AuthResponse: AuthResponseSchema,
  MfaRequiredResponse: MfaRequiredResponseSchema,
  SignInResponse: SignInResponseSchema,
  EmailCodeVerifyResponse: EmailCodeVerifyResponseSchema,
  MessageResponse: MessageResponseSchema,
  ErrorBody: ErrorBodySchema,
  Session: SessionSchema,
  SessionListResponse: SessionListResponseSchema,
  RevokeAllSessionsResponse: RevokeAllSessionsResponseSchema,
  Organization: OrganizationSchema,
  OrganizationListResponse: OrganizationListResponseSchema,
  Member: MemberSchema,
  MemberListResponse: MemberListResponseSchema,
  Invitation: InvitationSchema,
  InvitationListResponse: InvitationListResponseSchema,
  AcceptInvitationResponse: AcceptInvitationResponseSchema,
  MfaStatus: MfaStatusSchema,
  TotpSetupResponse: TotpSetupResponseSchema,
  MfaEnabledResponse: MfaEnabledResponseSchema,
  BackupCodesResponse: BackupCodesResponseSchema,
  Passkey: PasskeySchema,
  PasskeyListResponse: PasskeyListResponseSchema,
  PasskeyCreationOptions: PasskeyCreationOptionsSchema,
  PasskeyRequestOptions: PasskeyRequestOptionsSchema,
  ReauthenticateResponse: ReauthenticateResponseSchema,
  OAuthProvidersResponse: OAuthProvidersResponseSchema,
  OAuthAuthorizeResponse: OAuthAuthorizeResponseSchema,
  SignInMethods: SignInMethodsSchema,
  HealthResponse: HealthResponseSchema,
  LivenessResponse: LivenessResponseSchema,
  ReadinessResponse: ReadinessResponseSchema,
  ReadinessUnavailable: ReadinessUnavailableSchema,
  Jwks: JwksSchema,
  OutboxResponse: OutboxResponseSchema,
  OpenApiDocument: OpenApiDocumentSchema,
}

/**
 * The named request-body schemas of the document, rendered with zod's `io: 'input'` (what a client may
 * send: unknown fields are allowed and ignored, as the server's zod parse strips them).
 *
 * @example
 * ```ts
 * import { requestSchemas } from '@plinto/contract/openapi'
 * requestSchemas.SignUpRequest // the zod/mini schema the server validates sign-up bodies with
 * ```
 */
export const requestSchemas = {
  SignUpRequest: SignUpRequestSchema,
  SignInRequest: SignInRequestSchema,
  RefreshRequest: RefreshRequestSchema,
  SwitchOrganizationRequest: SwitchOrganizationRequestSchema,
  ChangePasswordRequest: ChangePasswordRequestSchema,
  ForgotPasswordRequest: ForgotPasswordRequestSchema,
  ResetPasswordRequest: ResetPasswordRequestSchema,
  TokenRequest: TokenRequestSchema,
  MagicLinkRequest: MagicLinkRequestSchema,
  EmailCodeSendRequest: EmailCodeSendRequestSchema,
  EmailCodeVerifyRequest: EmailCodeVerifyRequestSchema,
  MfaChallengeRequest: MfaChallengeRequestSchema,
  MfaChallengeSendRequest: MfaChallengeSendRequestSchema,
  MfaCodeRequest: MfaCodeRequestSchema,
  SmsEnableRequest: SmsEnableRequestSchema,
  UpdateUserRequest: UpdateUserRequestSchema,
  DeleteUserRequest: DeleteUserRequestSchema,
  SetPhoneNumberRequest: SetPhoneNumberRequestSchema,
  VerifyPhoneRequest: VerifyPhoneRequestSchema,
  CreateOrganizationRequest: CreateOrganizationRequestSchema,
  UpdateOrganizationRequest: UpdateOrganizationRequestSchema,
  InviteMemberRequest: InviteMemberRequestSchema,
  UpdateMemberRoleRequest: UpdateMemberRoleRequestSchema,
  PasskeyRegisterVerifyRequest: PasskeyRegisterVerifyRequestSchema,
  PasskeyAuthenticateOptionsRequest: PasskeyAuthenticateOptionsRequestSchema,
  PasskeyAuthenticateVerifyRequest: PasskeyAuthenticateVerifyRequestSchema,
  UpdatePasskeyRequest: UpdatePasskeyRequestSchema,
  ReauthenticateRequest: ReauthenticateRequestSchema,
  OAuthAuthorizeRequest: OAuthAuthorizeRequestSchema,
  OAuthCallbackRequest: OAuthCallbackRequestSchema,
  DevConsentForm: DevConsentFormSchema,
}

/**
 * A key of {@link responseSchemas}.
 *
 * @example
 * ```ts
 * const name: ResponseSchemaName = 'Session'
 * ```
 */
export type ResponseSchemaName = keyof typeof responseSchemas

/**
 * A key of {@link requestSchemas}.
 *
 * @example
 * ```ts
 * const name: RequestSchemaName = 'SignInRequest'
 * ```
 */
export type RequestSchemaName = keyof typeof requestSchemas
