import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startServer, type RunningServer } from '@plinto/server/node'
import { PlintoClient } from '@plinto/typescript-sdk'
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '@plinto/typescript-sdk/server'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createApi } from '../src/app'
import type { PlintoWebhookEvent } from '../src/webhooks'

const WEBHOOK_SECRET = 'whsec_node_api_example_test'
const PASSWORD = 'a long enough passphrase'

let plinto: RunningServer
let api: Server
let apiUrl: string
// The reference server's clock: moved back to mint tokens that are already expired.
let clockOffsetMs = 0
const received: PlintoWebhookEvent[] = []
const logs: string[] = []

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

beforeAll(async () => {
  // The API listens first, so the reference server can be told where to deliver webhooks.
  api = createServer()
  apiUrl = await listen(api)
  plinto = await startServer({
    port: 0,
    host: '127.0.0.1',
    mode: 'test',
    clock: { now: () => Date.now() + clockOffsetMs },
    config: { webhooks: [{ url: `${apiUrl}/webhooks/plinto`, secret: WEBHOOK_SECRET }] },
  })
  api.on(
    'request',
    createApi({
      plintoApiUrl: plinto.url,
      issuer: 'plinto',
      audience: 'plinto',
      webhookSecret: WEBHOOK_SECRET,
      corsOrigin: undefined,
      onWebhook: (event) => void received.push(event),
      log: (message) => void logs.push(message),
    }),
  )
})

afterAll(async () => {
  await close(api)
  await plinto.close()
})

beforeEach(() => {
  clockOffsetMs = 0
  logs.length = 0
})

/** A browser-like client of the user, signed up with a fresh account. */
async function signedUpClient(email: string, options: { autoRefresh?: boolean } = {}) {
  const client = new PlintoClient({
    apiUrl: plinto.url,
    tokenStorage: { type: 'memory' },
    session: { autoRefresh: options.autoRefresh ?? true },
  })
  const { user, tokens } = await client.auth.signUp({ email, password: PASSWORD })
  return { client, user, accessToken: tokens.access_token }
}

const get = (path: string, token?: string) =>
  fetch(`${apiUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('protected routes', () => {
  test('a signed-in user reaches /api/me and /api/orders with the access token the SDK holds', async () => {
    const { client, user } = await signedUpClient('me@example.com')
    const token = await client.getAccessToken()
    expect(token).toEqual(expect.any(String))

    const me = await get('/api/me', token!)
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ user_id: user.id, session_id: expect.stringMatching(/^sess_/) })

    const orders = await get('/api/orders', token!)
    expect(orders.status).toBe(200)
    const { orders: list } = (await orders.json()) as { orders: Array<{ id: string }> }
    expect(list.length).toBeGreaterThan(0)
    for (const order of list) expect(order.id).toContain(user.id.slice(-6))
    client.dispose()
  })

  test('no token, or not a Bearer one: 401 UNAUTHORIZED with a Bearer challenge', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
    ]
    for (const headers of attempts) {
      const response = await fetch(`${apiUrl}/api/me`, { headers })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(await response.json()).toMatchObject({ error_code: 'UNAUTHORIZED' })
    }
  })

  test('a tampered token: 401 UNAUTHORIZED', async () => {
    const { client, accessToken } = await signedUpClient('tampered@example.com')
    const [header, payload, signature] = accessToken.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    const otherUser = Buffer.from(JSON.stringify({ ...claims, sub: 'usr_someone_else' })).toString('base64url')
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA')

    for (const token of [`${header}.${otherUser}.${signature}`, `${header}.${payload}.${flipped}`, 'not-a-jwt']) {
      const response = await get('/api/orders', token)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
      expect(await response.json()).toMatchObject({ error_code: 'UNAUTHORIZED' })
    }
    client.dispose()
  })

  test('an expired token: 401 TOKEN_EXPIRED; after a refresh the same client gets through', async () => {
    // Tokens minted two hours ago (the server's clock) expired an hour ago.
    clockOffsetMs = -2 * 60 * 60 * 1000
    const { client, user, accessToken } = await signedUpClient('expired@example.com', { autoRefresh: false })
    clockOffsetMs = 0

    const expired = await get('/api/me', accessToken)
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({ error_code: 'TOKEN_EXPIRED' })

    // What a front end does on TOKEN_EXPIRED: refresh, then retry.
    const { access_token } = await client.auth.refreshToken()
    const retried = await get('/api/me', access_token)
    expect(retried.status).toBe(200)
    expect(await retried.json()).toMatchObject({ user_id: user.id })
    client.dispose()
  })

  test('when the Plinto server cannot be reached for its keys: 503, not a 401 that would sign the user out', async () => {
    const { client, accessToken } = await signedUpClient('jwks-down@example.com')
    const isolated = createServer(
      createApi({
        plintoApiUrl: 'http://127.0.0.1:9',
        issuer: 'plinto',
        audience: 'plinto',
        webhookSecret: undefined,
        corsOrigin: undefined,
        log: () => {},
      }),
    )
    const isolatedUrl = await listen(isolated)
    try {
      const response = await fetch(`${isolatedUrl}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ error_code: 'AUTH_UNAVAILABLE' })
    } finally {
      await close(isolated)
      client.dispose()
    }
  })

  test('unknown routes are 404 and wrong methods 405', async () => {
    expect((await get('/api/nothing')).status).toBe(404)
    const post = await fetch(`${apiUrl}/api/orders`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
    expect((await get('/webhooks/plinto')).status).toBe(405)
  })
})

describe('webhooks', () => {
  const deliver = (body: string, signature?: string) =>
    fetch(`${apiUrl}/webhooks/plinto`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { [WEBHOOK_SIGNATURE_HEADER]: signature }),
      },
      body,
    })

  test('the reference server delivers user.created on sign-up; the API verifies and handles it', async () => {
    const { client, user } = await signedUpClient('webhook@example.com')
    await plinto.app.plinto.webhooks.idle()
    const created = received.filter(
      (event) => event.event === 'user.created' && (event.data.user as { id?: string }).id === user.id,
    )
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      timestamp: expect.any(String),
      data: { user: { id: user.id, email: 'webhook@example.com' } },
    })
    expect(logs.filter((line) => line.startsWith('webhook refused'))).toEqual([])
    client.dispose()
  })

  test('forged deliveries are refused with 401 and never handled', async () => {
    const before = received.length
    const body = JSON.stringify({
      id: 'evt_forged',
      event: 'user.deleted',
      timestamp: new Date().toISOString(),
      data: { user: { id: 'usr_victim' } },
    })
    const forged = [
      await deliver(body), // no signature
      await deliver(body, 'f'.repeat(64)), // made up
      await deliver(body, await signWebhookPayload(body, 'whsec_someone_elses_secret')), // another secret
      await deliver(body.replace('usr_victim', 'usr_other1'), await signWebhookPayload(body, WEBHOOK_SECRET)), // body changed after signing
    ]
    for (const response of forged) {
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ error_code: 'INVALID_SIGNATURE' })
    }
    expect(received.length).toBe(before)
    expect(logs.filter((line) => line.startsWith('webhook refused'))).toHaveLength(forged.length)
  })

  test('a retried delivery (same event id, new timestamp and signature) is handled once', async () => {
    const before = received.length
    const event = { id: 'evt_retried', event: 'user.updated', data: { user: { id: 'usr_retried' } } }
    const first = JSON.stringify({ ...event, timestamp: new Date(Date.now() - 2_000).toISOString() })
    const retry = JSON.stringify({ ...event, timestamp: new Date().toISOString() })
    expect((await deliver(first, await signWebhookPayload(first, WEBHOOK_SECRET))).status).toBe(204)
    expect((await deliver(retry, await signWebhookPayload(retry, WEBHOOK_SECRET))).status).toBe(204)
    expect(received.slice(before)).toEqual([JSON.parse(first)])
  })

  test('a replayed old delivery, correctly signed, is refused with 401 and not handled', async () => {
    const before = received.length
    const body = JSON.stringify({
      id: 'evt_replayed',
      event: 'user.deleted',
      timestamp: new Date(Date.now() - 10 * 60_000).toISOString(),
      data: { user: { id: 'usr_victim' } },
    })
    const response = await deliver(body, await signWebhookPayload(body, WEBHOOK_SECRET))
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error_code: 'TIMESTAMP_TOO_OLD' })
    expect(received.length).toBe(before)
  })

  test('a signed body that is not a webhook event is a 400', async () => {
    const body = '{"hello":"world"}'
    const response = await deliver(body, await signWebhookPayload(body, WEBHOOK_SECRET))
    expect(response.status).toBe(400)
  })
})
