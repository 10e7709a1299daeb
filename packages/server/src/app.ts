import { Hono } from 'hono'
import { createServerContext, type PlintoAppOptions, type ServerContext } from './server-context'
import { ApiError, errorBody, errors } from './errors'
import type { PlintoEnv } from './env'
import { cors } from './middleware/cors'
import { storableInput } from './middleware/storable-input'
import { rateLimitGeneral } from './middleware/rate-limit'
import { requestContext } from './middleware/request-context'
import { authRoutes } from './routes/auth'
import { devOutboxRoutes } from './routes/dev-outbox'
import { healthRoutes } from './routes/health'
import { jwksRoutes } from './routes/jwks'
import { mfaRoutes } from './routes/mfa'
import { oauthRoutes } from './routes/oauth'
import { openApiRoutes } from './routes/openapi'
import { invitationRoutes, organizationRoutes } from './routes/organizations'
import { passkeyRoutes } from './routes/passkeys'
import { sessionRoutes } from './routes/sessions'
import { userRoutes } from './routes/users'

/**
 * The Hono app of the reference server, with its {@link ServerContext} reachable as `app.plinto`.
 *
 * @example
 * ```ts
 * const app: PlintoApp = createPlintoApp({ mode: 'test' })
 * await app.plinto.createUser({ email: 'ada@example.com', password: 'correct horse battery' })
 * const res = await app.fetch(new Request('http://localhost/health'))
 * ```
 */
export type PlintoApp = Hono<PlintoEnv> & { readonly plinto: ServerContext }

/**
 * Creates the reference server's app: every endpoint of CONTRACT.md (auth, sessions, users,
 * organizations, MFA, passkeys, OAuth), health, JWKS and (outside production) the dev outbox and the
 * `dev` OAuth provider. Web APIs only, so the same app serves real HTTP (`startServer`) and
 * MSW-intercepted requests (`@plinto/testing`). Pass `context` (from {@link createServerContext}) to
 * serve an existing context; the other options are then ignored.
 *
 * @example
 * ```ts
 * const app = createPlintoApp({ mode: 'test' })
 * const res = await app.request('/api/v1/auth/signup', {
 *   method: 'POST',
 *   headers: { 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }),
 * })
 * res.status // 201
 * app.plinto.outbox?.messages('ada@example.com')[0]?.link // the verification link
 * ```
 */
export function createPlintoApp(options: PlintoAppOptions & { context?: ServerContext } = {}): PlintoApp {
  const server = options.context ?? createServerContext(options)
  const { config } = server
  const app = new Hono<PlintoEnv>()

  app.use('*', requestContext(server))
  app.use('*', cors(config.allowedOrigins))
  app.use('*', rateLimitGeneral())
  app.use('*', storableInput())

  app.route('/', healthRoutes())
  app.route('/', jwksRoutes())
  app.route('/', openApiRoutes())
  if (config.mode !== 'production') app.route('/', devOutboxRoutes())
  if (config.apiBasePath !== '') app.route(config.apiBasePath, healthRoutes())
  app.route(`${config.apiBasePath}/auth`, authRoutes())
  app.route(`${config.apiBasePath}/sessions`, sessionRoutes())
  app.route(`${config.apiBasePath}/users`, userRoutes())
  app.route(`${config.apiBasePath}/organizations`, organizationRoutes())
  app.route(`${config.apiBasePath}/invitations`, invitationRoutes())
  app.route(`${config.apiBasePath}/mfa`, mfaRoutes())
  app.route(`${config.apiBasePath}/passkeys`, passkeyRoutes())
  app.route(`${config.apiBasePath}/oauth`, oauthRoutes())

  app.notFound((c) => {
    return c.json(
      errorBody(errors.notFound(`No route for ${c.req.method} ${c.req.path}`), c.req.path, server.clock.now()),
      404,
    )
  })

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter))
      return c.json(errorBody(error, c.req.path, server.clock.now()), error.status)
    }
    // Unknown failure: log what happened without message or stack (either may hold secrets or user data).
    server.logger.error('Unhandled error', {
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? error.name : typeof error,
    })
    const internal = new ApiError(500, 'INTERNAL_ERROR', 'Internal server error')
    return c.json(errorBody(internal, c.req.path, server.clock.now()), 500)
  })

  return Object.assign(app, { plinto: server })
}
