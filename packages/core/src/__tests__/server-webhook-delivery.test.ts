import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { silentLogger } from '@plinto/server'
import { startServer, type RunningServer } from '@plinto/server/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, type WebhookEvent } from '../server'

// End to end: the reference server delivers real webhooks over HTTP to a plain Node receiver, which checks
// them the way an app's backend would, on the raw bytes it received.
const SECRET = 'whsec_delivery_test'

interface Delivery {
  body: Buffer
  signature: string | undefined
  event: WebhookEvent | undefined
}

let receiver: Server
let plinto: RunningServer
const deliveries: Delivery[] = []

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const signature = req.headers[WEBHOOK_SIGNATURE_HEADER]
      void verifyWebhookSignature(body, signature, SECRET).then(
        (event) => {
          deliveries.push({ body, signature: typeof signature === 'string' ? signature : undefined, event })
          res.writeHead(204).end()
        },
        () => {
          deliveries.push({ body, signature: typeof signature === 'string' ? signature : undefined, event: undefined })
          res.writeHead(401).end()
        },
      )
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  plinto = await startServer({
    port: 0,
    mode: 'test',
    logger: silentLogger,
    config: {
      webhooks: [{ url: `http://127.0.0.1:${port}/plinto-events`, secret: SECRET }],
      webhookRetry: { attempts: 1 },
    },
  })
})
afterAll(async () => {
  await plinto.close()
  await new Promise<void>((resolve, reject) => receiver.close((error) => (error ? reject(error) : resolve())))
})

describe('server: verifyWebhookSignature on deliveries from the reference server', () => {
  it('verifies the user.created and session.created deliveries of a sign-up', async () => {
    const response = await fetch(`${plinto.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'webhooks@example.com', password: 'correct horse battery staple' }),
    })
    expect(response.status).toBe(201)
    await plinto.app.plinto.webhooks.idle()

    const events = deliveries.map(({ body }) => (JSON.parse(body.toString('utf8')) as { event: string }).event)
    expect(events).toEqual(expect.arrayContaining(['user.created', 'session.created']))
    // Every delivery verified, and the verifier answered the body's event, typed, with its id.
    for (const { body, event } of deliveries) expect(event).toEqual(JSON.parse(body.toString('utf8')))
    const created = deliveries.find(({ event }) => event?.event === 'user.created')?.event
    if (created?.event !== 'user.created') throw new Error('no user.created delivery')
    expect(created.id).toMatch(/^evt_/)
    expect(created.data.user.email).toBe('webhooks@example.com')
    for (const { body, signature } of deliveries) {
      // The same delivery as text verifies too; with another secret, or once re-serialised, it does not.
      expect((await verifyWebhookSignature(body.toString('utf8'), signature, SECRET)).id).toMatch(/^evt_/)
      await expect(verifyWebhookSignature(body, signature, 'whsec_other')).rejects.toMatchObject({
        code: 'INVALID_SIGNATURE',
      })
      await expect(
        verifyWebhookSignature(JSON.stringify(JSON.parse(body.toString('utf8')), null, 1), signature, SECRET),
      ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    }
  })
})
