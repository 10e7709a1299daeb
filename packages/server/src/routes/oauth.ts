import { Hono } from 'hono'
import { OAuthAuthorizeRequestSchema, OAuthCallbackRequestSchema, type OAuthProvidersResponse } from '@plinto/contract'
import {
  approveDevConsent,
  denyDevConsent,
  finishAtProvider,
  isLiveDevState,
  redeemCode,
  redeemLinkCode,
  resolveProvider,
  startAuthorization,
} from '../domain/oauth/oauth'
import { availableProviders, postsCallback, PROVIDER_NAMES } from '../domain/oauth/oauth-providers'
import { listSignInMethods } from '../domain/oauth/identities'
import { requireSession } from '../middleware/session'
import { errors } from '../errors'
import type { PlintoEnv } from '../env'
import { readBodyText } from '../http/read-body'
import { refuseUnstorable, unstorableFields } from '../http/storable-text'
import { noStore } from '../middleware/no-store'
import { jsonBody } from '../middleware/json-body'
import { knownProvider } from '../middleware/oauth-provider'
import { devConsentPage } from './dev-oauth-page'
import { firstFactorPassed } from '../http/sign-in-response'

/**
 * The `/oauth` routes of CONTRACT.md § OAuth (authorization code + PKCE S256), and the consent page of
 * the built-in `dev` provider outside production.
 */
export function oauthRoutes(): Hono<PlintoEnv> {
  const oauth = new Hono<PlintoEnv>()

  oauth.get('/providers', (c) => {
    const providers = availableProviders(c.var.server.config).map((id) => ({ id, name: PROVIDER_NAMES[id] }))
    return c.json<OAuthProvidersResponse>({ providers }, 200)
  })

  // The dev provider's own pages come before the `/:provider/...` routes.
  oauth.get('/dev/consent', noStore(), async (c) => {
    const { server } = c.var
    resolveProvider(server, 'dev')
    const state = c.req.query('state') ?? ''
    if (!(await isLiveDevState(server, state)))
      throw errors.validation('Unknown or expired state', [{ field: 'state', message: 'Start the sign-in again' }], 400)
    // Browsers apply `form-action` to the redirects after the submission too (here: the server's own
    // callback, then the app's redirect_uri), so the origins of the allowed redirect URLs are listed.
    const appOrigins = [...new Set(server.config.allowedRedirectUrls.map((url) => new URL(url).origin))]
    // It cannot be framed either: a framing page could overlay the Approve button (clickjacking). `X-Frame-Options` is
    // for browsers that predate `frame-ancestors`.
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        `form-action 'self' ${appOrigins.join(' ')}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ].join('; '),
    )
    c.header('X-Frame-Options', 'DENY')
    c.header('X-Content-Type-Options', 'nosniff')
    // The page's URL holds the OAuth state: no Referer carries it elsewhere.
    c.header('Referrer-Policy', 'no-referrer')
    return c.html(
      devConsentPage({ state, action: c.req.path, email: 'dev.user@example.com', firstName: 'Dev', lastName: 'User' }),
      200,
    )
  })

  oauth.post('/dev/consent', async (c) => {
    const { server } = c.var
    resolveProvider(server, 'dev')
    const form = new URLSearchParams(await readBodyText(c.req.raw, server.config.bodyLimitBytes))
    refuseUnstorable(unstorableFields(Object.fromEntries(form)), 'Invalid form')
    const state = form.get('state') ?? ''
    if (form.get('decision') !== 'approve') return c.redirect(await denyDevConsent(server, state), 302)
    const email = (form.get('email') ?? '').trim()
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw errors.validation('Invalid email', [{ field: 'email', message: 'Enter a valid email address' }])
    const location = await approveDevConsent(server, state, {
      email,
      first_name: (form.get('first_name') ?? '').trim().slice(0, 100),
      last_name: (form.get('last_name') ?? '').trim().slice(0, 100),
    })
    return c.redirect(location, 302)
  })

  oauth.post('/:provider/authorize', knownProvider(), jsonBody(OAuthAuthorizeRequestSchema), async (c) => {
    const { server, provider } = c.var
    // Behind a TLS-terminating proxy the request's own origin is the proxy's hop, not the public address.
    const serverUrl = server.config.publicUrl ?? new URL(c.req.url).origin
    return c.json(await startAuthorization(server, provider, c.req.valid('json'), serverUrl), 200)
  })

  oauth.get('/:provider/callback', noStore(), knownProvider(), async (c) => {
    const location = await finishAtProvider(c.var.server, c.var.provider, {
      code: c.req.query('code'),
      state: c.req.query('state'),
      error: c.req.query('error'),
    })
    return c.redirect(location, 302)
  })

  // Apple posts its answer (`response_mode=form_post`) to the same callback URL, from appleid.apple.com: a
  // cross-site POST carries no SameSite=Lax cookie, and needs none, since the state is checked against the
  // store. 303 turns the POST into the GET of the app's redirect URI. Anything but a form goes on to the app's
  // JSON code exchange below.
  oauth.post('/:provider/callback', noStore(), knownProvider(), async (c, next) => {
    const type = c.req.header('content-type') ?? ''
    if (!postsCallback(c.var.provider) || !type.startsWith('application/x-www-form-urlencoded')) return next()
    const { server } = c.var
    const form = new URLSearchParams(await readBodyText(c.req.raw, server.config.bodyLimitBytes))
    refuseUnstorable(unstorableFields(Object.fromEntries(form)), 'Invalid form')
    const field = (name: string) => form.get(name) ?? undefined
    const location = await finishAtProvider(server, c.var.provider, {
      code: field('code'),
      state: field('state'),
      error: field('error'),
      user: field('user'),
    })
    return c.redirect(location, 303)
  })

  oauth.post('/:provider/callback', noStore(), knownProvider(), jsonBody(OAuthCallbackRequestSchema), async (c) => {
    const user = await redeemCode(c.var.server, c.var.provider, c.req.valid('json'))
    // The provider proved the first factor; an account with MFA still answers the second step.
    return firstFactorPassed(c, user, { remember: true, status: 200 })
  })

  // Linking another provider to the signed-in account: the state names the user and session, and only that
  // session can redeem the code (see redeemLinkCode).
  oauth.post('/:provider/link', requireSession(), knownProvider(), jsonBody(OAuthAuthorizeRequestSchema), async (c) => {
    const { server, provider, user, session } = c.var
    const serverUrl = server.config.publicUrl ?? new URL(c.req.url).origin
    return c.json(await startAuthorization(server, provider, c.req.valid('json'), serverUrl, { user, session }), 200)
  })

  oauth.post(
    '/:provider/link/callback',
    noStore(),
    requireSession(),
    knownProvider(),
    jsonBody(OAuthCallbackRequestSchema),
    async (c) => {
      const { server, provider, user, session } = c.var
      await redeemLinkCode(server, provider, { user, session }, c.req.valid('json'))
      return c.json(await listSignInMethods(server, user), 200)
    },
  )

  return oauth
}
