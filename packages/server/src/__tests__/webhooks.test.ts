import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { signWebhookPayload, verifyWebhookPayload } from '../index'
import { startServer, type RunningServer } from '../node'
import { silentLogger } from '../index'
import { PASSWORD } from './helpers'

const SECRET = 'whsec_test_secret'

interface Delivery {
  body: string
  signature: string
  // biome-ignore lint/suspicious/noExplicitAny: the tests read nested payload fields (data.user.password_hash) of every event type
  parsed: { event: string; timestamp: string; data: Record<string, any> }
}

let receiver: Server | undefined
let plinto: RunningServer | undefined
afterEach(async () => {
  await plinto?.close()
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))
  receiver = undefined
  plinto = undefined
})

/**
 * A real HTTP receiver on 127.0.0.1. `respond` decides each answer (status, and an optional promise to
 * wait on before answering, to play a slow receiver).
 */
async function startReceiver(
  respond: (n: number) => { status: number; hold?: Promise<void> } = () => ({ status: 204 }),
) {
  const deliveries: Delivery[] = []
  let attempts = 0
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      attempts++
      const reply = respond(attempts)
      const finish = () => {
        if (reply.status < 300) {
          deliveries.push({ body, signature: String(req.headers['x-plinto-signature']), parsed: JSON.parse(body) })
        }
        res.writeHead(reply.status)
        res.end()
      }
      if (reply.hold) void reply.hold.then(finish)
      else finish()
    })
  })
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
    deliveries,
    attempts: () => attempts,
  }
}

async function serve(url: string, retry = { attempts: 3, baseDelayMs: 5 }) {
  plinto = await startServer({
    port: 0,
    mode: 'test',
    logger: silentLogger,
    config: { webhooks: [{ url, secret: SECRET }], webhookRetry: retry },
  })
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${plinto!.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
  return { app: plinto.app, post }
}

describe('signature', () => {
  test('hex HMAC-SHA256 of the raw body; the verifier accepts it and refuses any change', async () => {
    const body = '{"event":"user.created","timestamp":"2030-01-01T00:00:00.000Z","data":{}}'
    const signature = await signWebhookPayload(body, SECRET)
    expect(signature).toMatch(/^[0-9a-f]{64}$/)
    // Independently computed with node:crypto.
    const { createHmac } = await import('node:crypto')
    expect(signature).toBe(createHmac('sha256', SECRET).update(body).digest('hex'))
    expect(await verifyWebhookPayload(body, signature, SECRET)).toBe(true)
    expect(await verifyWebhookPayload(body, signature.toUpperCase(), SECRET)).toBe(true)
    expect(await verifyWebhookPayload(body.replace('user.created', 'user.deleted'), signature, SECRET)).toBe(false)
    expect(await verifyWebhookPayload(body, signature, 'another secret')).toBe(false)
    expect(await verifyWebhookPayload(body, signature.slice(0, -1), SECRET)).toBe(false)
  })
})

describe('delivery', () => {
  test('events of sign-up, sign-in, profile, organizations and sign-out arrive signed, as {event, timestamp, data}', async () => {
    const hook = await startReceiver()
    const { app, post } = await serve(hook.url)
    const { tokens, user } = await (await post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })).json()
    await fetch(`${plinto!.url}/api/v1/users/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
      body: JSON.stringify({ first_name: 'Ada' }),
    })
    await post('/organizations', { name: 'Acme', slug: 'acme' }, tokens.access_token)
    await post('/auth/signout', {}, tokens.access_token)
    await app.plinto.webhooks.idle()

    for (const delivery of hook.deliveries) {
      expect(await verifyWebhookPayload(delivery.body, delivery.signature, SECRET)).toBe(true)
      expect(delivery.parsed.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/)
    }
    const events = hook.deliveries.map((d) => d.parsed.event).sort()
    expect(events).toEqual(
      ['organization.created', 'session.created', 'session.revoked', 'user.created', 'user.updated'].sort(),
    )
    const created = hook.deliveries.find((d) => d.parsed.event === 'user.created')!
    expect(created.parsed.data.user).toMatchObject({ id: user.id, email: 'ada@example.com' })
    expect(created.parsed.data.user.password_hash).toBeUndefined()
    const revoked = hook.deliveries.find((d) => d.parsed.event === 'session.revoked')!
    expect(revoked.parsed.data).toMatchObject({ user_id: user.id, reason: 'signout' })
  })

  test('membership, MFA and account deletion events', async () => {
    const hook = await startReceiver()
    const { app, post } = await serve(hook.url)
    const { generateTotp } = await import('../crypto/totp')
    await app.plinto.createUser({ email: 'owner@example.com', password: PASSWORD, email_verified: true })
    const bob = await app.plinto.createUser({ email: 'bob@example.com', password: PASSWORD, email_verified: true })
    const signIn = async (email: string) =>
      (await (await post('/auth/signin', { email, password: PASSWORD })).json()).tokens.access_token
    const owner = await signIn('owner@example.com')
    const bobToken = await signIn('bob@example.com')
    const org = await (await post('/organizations', { name: 'Acme', slug: 'acme' }, owner)).json()
    await post(`/organizations/${org.id}/members/invite`, { email: 'bob@example.com', role: 'member' }, owner)
    const token = new URL(app.plinto.outbox!.messages('bob@example.com').at(-1)!.link!).searchParams.get('token')
    await post('/invitations/accept', { token }, bobToken)
    const { secret } = await (await post('/mfa/totp/enable', {}, bobToken)).json()
    await post('/mfa/totp/verify', { code: await generateTotp(secret, Date.now()) }, bobToken)
    await fetch(`${plinto!.url}/api/v1/users/me`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bobToken}` },
      body: JSON.stringify({ password: PASSWORD }),
    })
    await app.plinto.webhooks.idle()
    const of = (event: string) => hook.deliveries.filter((d) => d.parsed.event === event).map((d) => d.parsed.data)
    expect(of('organization.member.added')).toEqual([{ organization_id: org.id, user_id: bob.id, role: 'member' }])
    expect(of('mfa.enabled')).toEqual([{ user_id: bob.id, method: 'totp', mfa_enabled: true }])
    expect(of('user.deleted')).toEqual([{ user: expect.objectContaining({ id: bob.id, email: 'bob@example.com' }) }])
  })

  test('a 500 is retried with backoff until it succeeds', async () => {
    const hook = await startReceiver((n) => ({ status: n < 3 ? 500 : 200 }))
    const { app, post } = await serve(hook.url, { attempts: 4, baseDelayMs: 5 })
    await post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })
    await app.plinto.webhooks.idle()
    // user.created and session.created: one failed twice then passed; the other passed on attempt 3+.
    expect(hook.attempts()).toBe(4)
    expect(hook.deliveries.map((d) => d.parsed.event).sort()).toEqual(['session.created', 'user.created'])
  })

  test('attempts are bounded: a receiver that always fails gets exactly `attempts` tries per event', async () => {
    const hook = await startReceiver(() => ({ status: 503 }))
    const { app, post } = await serve(hook.url, { attempts: 3, baseDelayMs: 1 })
    await post('/auth/password/forgot', { email: 'nobody@example.com' }) // no event
    await app.plinto.webhooks.idle()
    expect(hook.attempts()).toBe(0)
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
    await app.plinto.webhooks.idle()
    expect(hook.attempts()).toBe(3)
    expect(hook.deliveries).toEqual([])
  })

  test('a slow receiver does not slow the request that caused the event', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const hook = await startReceiver(() => ({ status: 200, hold: held }))
    const { app, post } = await serve(hook.url)
    // The request answers while the receiver is still holding every delivery open.
    const res = await post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })
    expect(res.status).toBe(201)
    expect(hook.deliveries).toEqual([])
    release()
    await app.plinto.webhooks.idle()
    expect(hook.deliveries.length).toBe(2)
  })
})
