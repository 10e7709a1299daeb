import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { authenticate } from './auth'
import type { ApiConfig } from './config'
import { sendError, sendJson } from './http'
import { ordersOf } from './orders'
import { createWebhookReceiver, type PlintoWebhookEvent } from './webhooks'

export interface ApiOptions extends Omit<ApiConfig, 'port'> {
  /** Called for every verified webhook delivery. Default: log it. */
  onWebhook?: (event: PlintoWebhookEvent) => void | Promise<void>
  /** Default: `console.log`. */
  log?: (message: string) => void
}

/**
 * The example API as a `node:http` request listener:
 *
 * - `GET /api/me`, `GET /api/orders`: need `Authorization: Bearer <Plinto access token>`; 401 with
 *   `{ error_code: 'UNAUTHORIZED' | 'TOKEN_EXPIRED', detail }` otherwise.
 * - `POST /webhooks/plinto`: Plinto webhooks, signature checked over the raw body.
 * - `GET /health`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * createServer(createApi({ plintoApiUrl: 'http://localhost:8000', issuer: 'plinto', audience: 'plinto', webhookSecret, corsOrigin: undefined })).listen(3001)
 * ```
 */
export function createApi(options: ApiOptions): RequestListener {
  const log = options.log ?? ((message: string) => console.log(message))
  const verifyOptions = { apiUrl: options.plintoApiUrl, issuer: options.issuer, audience: options.audience }
  const receiveWebhook = createWebhookReceiver({
    secret: options.webhookSecret,
    log,
    onEvent: options.onWebhook ?? ((event) => log(`webhook ${event.event} ${JSON.stringify(event.data)}`)),
  })

  /** Routes that need a signed-in user get the verified claims, or never run. */
  const protectedRoutes: Record<string, (userId: string, sessionId: string) => unknown> = {
    '/api/me': (userId, sessionId) => ({ user_id: userId, session_id: sessionId }),
    '/api/orders': (userId) => ({ orders: ordersOf(userId) }),
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost')
    if (options.corsOrigin && req.headers.origin === options.corsOrigin) {
      res.setHeader('access-control-allow-origin', options.corsOrigin)
      res.setHeader('vary', 'Origin')
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': 'authorization',
          'access-control-max-age': '600',
        })
        return void res.end()
      }
    }

    if (pathname === '/webhooks/plinto') {
      if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use POST', { allow: 'POST' })
      return receiveWebhook(req, res)
    }
    if (pathname === '/health') return sendJson(res, 200, { status: 'ok' })

    const route = protectedRoutes[pathname]
    if (!route) return sendError(res, 404, 'NOT_FOUND', `No route ${pathname}`)
    if (req.method !== 'GET') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET', { allow: 'GET' })
    const result = await authenticate(req, verifyOptions)
    if ('failure' in result) {
      const { status, errorCode, detail } = result.failure
      // RFC 6750: tell the client which scheme to use, and why its token was refused.
      const challenge = req.headers.authorization
        ? `Bearer error="invalid_token", error_description="${detail}"`
        : 'Bearer'
      return sendError(res, status, errorCode, detail, status === 401 ? { 'www-authenticate': challenge } : {})
    }
    sendJson(res, 200, route(result.claims.sub, result.claims.sid))
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Log the class only: messages can carry request data.
      log(`request failed: ${error instanceof Error ? error.name : typeof error}`)
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_ERROR', 'Something went wrong')
      else res.destroy()
    })
  }
}
