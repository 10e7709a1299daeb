import type { ContractOperation } from './types'

type OAuthOperation = Omit<ContractOperation, 'mount' | 'tag'>

const oauth = (operation: OAuthOperation): ContractOperation => ({ mount: 'api', tag: 'OAuth', ...operation })

/**
 * The `/oauth` endpoints (CONTRACT.md § OAuth): authorization code with PKCE S256, and the consent page of
 * the built-in `dev` provider (development and test mode only). `{provider}` is `github`, `google`,
 * `microsoft`, `apple` or `dev`; one that is not configured is 404. A refused code or state is 400 `OAUTH_ERROR`.
 *
 * @example
 * ```ts
 * import { oauthOperations } from '@plinto/contract/openapi'
 * oauthOperations.filter((op) => op.devOnly).map((op) => op.method) // ['get', 'post']
 * ```
 */
export const oauthOperations: ContractOperation[] = [
  oauth({
    operationId: 'listOAuthProviders',
    method: 'get',
    path: '/oauth/providers',
    summary: 'The configured providers',
    responses: { 200: { description: 'Providers', schema: 'OAuthProvidersResponse' } },
    errors: [],
  }),
  oauth({
    operationId: 'startOAuth',
    method: 'post',
    path: '/oauth/{provider}/authorize',
    summary: "Start the flow: the provider's authorization URL and the state",
    description: '`redirect_uri` must be on the allow-list and `code_challenge_method` is `S256` (422 otherwise).',
    body: { schema: 'OAuthAuthorizeRequest' },
    responses: { 200: { description: 'Where to send the browser', schema: 'OAuthAuthorizeResponse' } },
    errors: [404],
  }),
  oauth({
    operationId: 'oauthProviderCallback',
    method: 'get',
    path: '/oauth/{provider}/callback',
    summary: 'Where the provider returns the browser',
    description:
      'Redirects to `redirect_uri?code=…&state=…`, or `redirect_uri?error=…&state=…` when the provider or the account link failed. An unknown, used or expired state has no trustworthy target: 400 `OAUTH_ERROR`.',
    query: {
      code: { description: "The provider's authorization code" },
      state: { description: 'The state of the authorize call' },
      error: { description: "The provider's error, if it refused" },
    },
    responses: { 302: { description: "Back to the app's redirect_uri", redirect: true } },
    errors: [400, 404],
  }),
  oauth({
    operationId: 'finishOAuth',
    method: 'post',
    path: '/oauth/{provider}/callback',
    summary: "Exchange the app's single-use code (with the PKCE verifier) for a session",
    description:
      "Providers that answer with `response_mode=form_post` (Apple) post their callback to this same path with an `application/x-www-form-urlencoded` body (`code`, `state`, and Apple's `user` on first sign-in): that is the provider step, answered like the GET callback with a 303 redirect to the app. The state is checked against the server's store, not a cookie, so the cross-site POST needs none.",
    tokenTransport: true,
    body: { schema: 'OAuthCallbackRequest' },
    responses: {
      200: {
        description: 'Signed in, or `mfa_required` when the account has MFA on',
        schema: 'SignInResponse',
        setsRefreshCookie: true,
        noStore: true,
      },
      303: { description: "A form-post provider's callback (Apple): back to the app's redirect_uri", redirect: true },
    },
    errors: [404],
  }),
  oauth({
    operationId: 'startOAuthLink',
    method: 'post',
    path: '/oauth/{provider}/link',
    summary: 'Start linking another provider to the signed-in account',
    description:
      'Like `/authorize`, but the state carries the intent to link and the signed-in user and session; the code it ends with is redeemed at `/oauth/{provider}/link/callback` by that same session.',
    auth: 'bearer',
    body: { schema: 'OAuthAuthorizeRequest' },
    responses: { 200: { description: 'Where to send the browser', schema: 'OAuthAuthorizeResponse' } },
    errors: [404],
  }),
  oauth({
    operationId: 'finishOAuthLink',
    method: 'post',
    path: '/oauth/{provider}/link/callback',
    summary: "Attach the provider identity with the app's single-use code (and the PKCE verifier)",
    description:
      'Only the session that started the link can redeem its code. An identity already linked to another account is 409 `IDENTITY_ALREADY_LINKED` and changes nothing.',
    auth: 'bearer',
    body: { schema: 'OAuthCallbackRequest' },
    responses: { 200: { description: 'The sign-in methods with the new identity', schema: 'SignInMethods' } },
    errors: [404, 409],
  }),
  oauth({
    operationId: 'devOAuthConsentPage',
    method: 'get',
    path: '/oauth/dev/consent',
    summary: 'The dev provider’s consent page (HTML)',
    devOnly: true,
    query: { state: { description: 'The state of the authorize call', required: true } },
    responses: { 200: { description: 'An HTML form with a test identity', contentType: 'text/html', noStore: true } },
    errors: [400, 404],
  }),
  oauth({
    operationId: 'devOAuthConsent',
    method: 'post',
    path: '/oauth/dev/consent',
    summary: 'Approve or deny on the dev provider’s consent page',
    devOnly: true,
    body: { schema: 'DevConsentForm', contentType: 'application/x-www-form-urlencoded' },
    responses: {
      302: { description: 'To the server’s callback with a code, or with `error=access_denied`', redirect: true },
    },
    errors: [404],
  }),
]
