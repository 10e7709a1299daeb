// About 300 lines: createPlintoHandlers and the handle it returns (seed, outbox, clock, faults, requests)
// are one public object, documented together.

import { delay, http, HttpResponse, type HttpHandler } from 'msw'
import {
  createPlintoApp,
  toWireUser,
  type Logger,
  type OutboxMessage,
  type PlintoApp,
  type PlintoConfigOverrides,
  type PlintoMode,
  type User,
  type Organization,
} from '@plinto/server'
import { createCookieJar, type CookieJar } from './cookie-jar'
import { createFaults, type Faults } from './faults'
import { createTestClock, type TestClock } from './test-clock'

/**
 * Options of {@link createPlintoHandlers}.
 *
 * @example
 * ```ts
 * createPlintoHandlers({ apiUrl: 'http://localhost:8000', config: { accessTokenTtl: 60 } })
 * ```
 */
export interface PlintoHandlersOptions {
  /** The `apiUrl` your client is configured with, e.g. `http://localhost:8000`. */
  apiUrl: string
  /** Default `/api/v1`. */
  apiBasePath?: string
  /** Server mode, default `test` (cheap password hashing, no rate limits). */
  mode?: PlintoMode
  /** Server configuration overrides (token lifetimes, grace window, rate limits, …). */
  config?: Omit<PlintoConfigOverrides, 'apiBasePath'>
  /** Server log output. Default: errors only, on the console. */
  logger?: Logger
}

/**
 * A request the handlers saw, in arrival order (including ones answered by a fault).
 *
 * @example
 * ```ts
 * const last: RecordedRequest | undefined = plinto.requests.at(-1)
 * expect(last?.headers.authorization).toMatch(/^Bearer /)
 * ```
 */
export interface RecordedRequest {
  method: string
  /** The full URL. */
  url: string
  /** Path relative to the API base path (`/auth/refresh`); root paths as they are (`/health`). */
  path: string
  /** Request headers (lower-case names), as the client sent them; before the jar's cookies are added. */
  headers: Record<string, string>
  /** Parsed JSON body, the raw text if it is not JSON, undefined when empty. */
  body?: unknown
  /** The request's `credentials` mode as MSW reports it. */
  credentials: RequestCredentials
}

/**
 * Input of {@link PlintoHandlers.seedUser}.
 *
 * @example
 * ```ts
 * const input: SeedUserInput = { email: 'ada@example.com', password: 'correct horse battery', email_verified: false }
 * ```
 */
export interface SeedUserInput {
  email: string
  password?: string
  first_name?: string | null
  last_name?: string | null
  username?: string | null
  /** Default true: seeded users are usually "ready to use". */
  email_verified?: boolean
}

/**
 * Input of {@link PlintoHandlers.seedOrganization}: members are users that exist already (seed them first).
 *
 * @example
 * ```ts
 * const input: SeedOrganizationInput = {
 *   name: 'Acme',
 *   slug: 'acme',
 *   owner: 'ada@example.com',
 *   members: [{ email: 'bob@example.com', role: 'admin' }],
 * }
 * ```
 */
export interface SeedOrganizationInput {
  name: string
  slug: string
  description?: string | null
  /** Email of the owner. */
  owner: string
  /** Further members by email, with their roles. */
  members?: Array<{ email: string; role: 'owner' | 'admin' | 'member' }>
}

/**
 * What {@link createPlintoHandlers} returns.
 *
 * @example
 * ```ts
 * const plinto: PlintoHandlers = createPlintoHandlers({ apiUrl: 'http://localhost:8000' })
 * plinto.faults.networkError({ path: '/auth/refresh' })
 * expect(plinto.countRequests('POST', '/auth/refresh')).toBe(1)
 * ```
 */
export interface PlintoHandlers {
  /** MSW handlers: pass to `setupServer(...plinto.handlers)` or `setupWorker(...)`. */
  readonly handlers: HttpHandler[]
  /** The current server app (replaced by {@link PlintoHandlers.reset}). */
  readonly app: PlintoApp
  /** Server time: `advance(ms)`, `set(epochMs)`, `reset()`. */
  readonly clock: TestClock
  readonly faults: Faults
  /** Requests seen since the last reset, oldest first. */
  readonly requests: readonly RecordedRequest[]
  /** The emulated browser cookie jar (holds the HttpOnly `plinto_refresh` cookie in cookie transport). */
  readonly cookies: CookieJar
  /** Creates a user directly in the server's store (no email sent). */
  seedUser(input: SeedUserInput): Promise<User>
  /**
   * Creates an organization as `POST /organizations` does, then adds the members directly (no invitations, no email);
   * answers
   * the organization as its owner sees it.
   */
  seedOrganization(input: SeedOrganizationInput): Promise<Organization>
  /** Messages the server "sent", oldest first; only those to `to` when given. */
  outbox(to?: string): OutboxMessage[]
  /** The newest message to `to`; throws if there is none (a test expecting mail wants a clear failure). */
  lastMessage(to: string): OutboxMessage
  /** How many requests with this method and path were seen (path as in {@link RecordedRequest.path}). */
  countRequests(method: string, path: string): number
  /** Fresh store, outbox, keys and rate limits; clock offset 0; no faults, requests or cookies. */
  reset(): void
}

const quietLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: (message, fields) => console.error(`[plinto] ${message}`, fields ?? ''),
}

/**
 * MSW handlers backed by the real reference server app: every request under `apiUrl` (the API base path,
 * `/.well-known/jwks.json`, `/health…`, `/__dev/outbox`) is answered by `@plinto/server`'s app, in process.
 * Adds what tests need around it: seeding, the outbox, a movable server clock, deterministic fault
 * injection, a request log, and a browser-like cookie jar.
 *
 * Cookies: the jar keeps the app's `Set-Cookie` and sends matching cookies on requests whose
 * `credentials` is `include` (or `same-origin` when the page origin, `location.origin`, equals the API's),
 * like a browser. MSW reports `credentials` as the client set it (`same-origin` when unset).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createPlintoHandlers } from '@plinto/testing'
 *
 * const plinto = createPlintoHandlers({ apiUrl: 'http://localhost:8000' })
 * const server = setupServer(...plinto.handlers)
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterEach(() => plinto.reset())
 * afterAll(() => server.close())
 *
 * test('signs in', async () => {
 *   await plinto.seedUser({ email: 'ada@example.com', password: 'correct horse battery' })
 *   // … drive the SDK …
 *   expect(plinto.countRequests('POST', '/auth/signin')).toBe(1)
 * })
 * ```
 */
export function createPlintoHandlers(options: PlintoHandlersOptions): PlintoHandlers {
  const api = new URL(options.apiUrl)
  const prefix = api.pathname.replace(/\/+$/, '')
  const basePath = (options.apiBasePath ?? '/api/v1').replace(/\/+$/, '')
  const clock = createTestClock()
  const faults = createFaults()
  const cookies = createCookieJar()
  let requests: RecordedRequest[] = []

  const makeApp = () =>
    createPlintoApp({
      mode: options.mode ?? 'test',
      clock,
      logger: options.logger ?? quietLogger,
      config: { ...options.config, apiBasePath: basePath },
    })
  let app = makeApp()

  const handler = http.all(`${api.origin}${prefix}/*`, async ({ request }) => {
    const url = new URL(request.url)
    // The server app knows nothing of a path prefix in apiUrl; strip it.
    const serverPath = url.pathname.slice(prefix.length) || '/'
    const relative = basePath && serverPath.startsWith(`${basePath}/`) ? serverPath.slice(basePath.length) : serverPath
    const bytes =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(await request.arrayBuffer())
    requests.push({
      method: request.method,
      url: request.url,
      path: relative,
      headers: Object.fromEntries(request.headers),
      ...(bytes && bytes.byteLength > 0 ? { body: parseBody(bytes) } : {}),
      credentials: request.credentials,
    })

    const { delayMs, terminal } = faults.take(request.method, [relative, serverPath])
    if (delayMs !== undefined) await delay(delayMs)
    if (terminal?.kind === 'networkError') return HttpResponse.error()
    if (terminal?.kind === 'respond') return cannedResponse(terminal.status, terminal.body, terminal.headers)

    const headers = new Headers(request.headers)
    if (sendsCookies(request, url)) {
      const jarCookies = cookies.header(url)
      if (jarCookies) headers.set('cookie', [headers.get('cookie'), jarCookies].filter(Boolean).join('; '))
    }
    const serverUrl = new URL(url)
    serverUrl.pathname = serverPath
    const response = await app.fetch(
      new Request(serverUrl, { method: request.method, headers, ...(bytes ? { body: bytes } : {}) }),
      { clientIp: '127.0.0.1' },
    )
    cookies.store(url, response.headers.getSetCookie())
    return response
  })

  return {
    handlers: [handler],
    get app() {
      return app
    },
    clock,
    faults,
    cookies,
    get requests() {
      return requests
    },
    async seedUser(input) {
      const user = await app.plinto.createUser({ ...input, email_verified: input.email_verified ?? true })
      return toWireUser(user)
    },
    async seedOrganization(input) {
      const { store } = app.plinto
      const member = async (email: string) => {
        const user = await store.users.getByEmail(email.trim().toLowerCase())
        if (!user) throw new Error(`seedOrganization: no user ${email}; seed it first`)
        return user
      }
      const owner = await member(input.owner)
      // The server's own organization creation, as POST /organizations does it.
      const organization = await app.plinto.createOrganization(owner, {
        name: input.name,
        slug: input.slug,
        description: input.description ?? undefined,
      })
      const joined_at = app.plinto.clock.now()
      for (const { email, role } of input.members ?? []) {
        await store.memberships.add({
          organization_id: organization.id,
          user_id: (await member(email)).id,
          role,
          joined_at,
        })
      }
      return { ...organization, member_count: 1 + (input.members?.length ?? 0) }
    },
    outbox: (to) => app.plinto.outbox?.messages(to) ?? [],
    lastMessage(to) {
      const message = app.plinto.outbox?.messages(to).at(-1)
      if (!message) throw new Error(`No message was sent to ${to}`)
      return message
    },
    countRequests: (method, path) =>
      requests.filter((r) => r.method === method.toUpperCase() && r.path === path).length,
    reset() {
      app = makeApp()
      clock.reset()
      faults.clear()
      cookies.clear()
      requests = []
    },
  }
}

function sendsCookies(request: Request, url: URL): boolean {
  if (request.credentials === 'include') return true
  if (request.credentials !== 'same-origin') return false
  const page = (globalThis as { location?: { origin?: string } }).location?.origin
  return page === url.origin
}

function parseBody(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes)
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

// A plain Response, not HttpResponse: MSW would put HttpResponse's Set-Cookie into its own cookie store.
function cannedResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const init = new Headers(headers)
  if (body === undefined || body === null) return new Response(null, { status, headers: init })
  if (typeof body === 'string') return new Response(body, { status, headers: init })
  if (!init.has('content-type')) init.set('content-type', 'application/json')
  return new Response(JSON.stringify(body), { status, headers: init })
}
