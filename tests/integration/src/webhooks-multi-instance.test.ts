// Webhooks from three real plinto-server processes on one PostgreSQL behind a round-robin proxy (issue 10 §
// Many instances on one database): one instance is killed with SIGKILL while its deliveries are in flight and
// restarted. Every event arrives, each event id is answered 2xx exactly once by a receiver that de-duplicates
// by id, and nothing is delivered again after a 2xx.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from './support/postgres-database'
import { requestFrom, type ServerCluster, startServerCluster } from './support/server-cluster'

const PASSWORD = 'correct horse battery'
const SECRET = 'whsec_cluster_test'
const SIGN_UPS = 6
/** Each sign-up announces `user.created` and `session.created`. */
const EVENTS = SIGN_UPS * 2

const postgresUrl = inject('postgresUrl')

/**
 * A webhook receiver that holds every request while `holding`, then answers 204 and counts, per event id,
 * the 2xx answers it gave — and any request for an id it had already answered 2xx.
 */
async function startHoldingReceiver() {
  const state = {
    holding: true,
    held: [] as { id: string; req: IncomingMessage; res: ServerResponse }[],
    seen: new Set<string>(),
    accepted: new Map<string, number>(),
    afterAccepted: [] as string[],
  }
  const accept = (id: string, res: ServerResponse) => {
    res.once('finish', () => state.accepted.set(id, (state.accepted.get(id) ?? 0) + 1))
    res.writeHead(204).end()
  }
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      const { id } = JSON.parse(body) as { id: string }
      state.seen.add(id)
      if (state.accepted.has(id)) state.afterAccepted.push(id)
      if (state.holding) state.held.push({ id, req, res })
      else accept(id, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    state,
    /** Stops holding: answers what is held (on sockets still open) and everything that comes next. */
    release() {
      state.holding = false
      for (const { id, req, res } of state.held.splice(0)) if (!req.socket.destroyed) accept(id, res)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function eventually(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe.skipIf(!postgresUrl)('webhooks from three instances on one PostgreSQL', () => {
  let database: TestDatabase
  let cluster: ServerCluster
  let receiver: Awaited<ReturnType<typeof startHoldingReceiver>>

  beforeAll(async () => {
    receiver = await startHoldingReceiver()
    database = await createTestDatabase(postgresUrl!)
    cluster = await startServerCluster({
      databaseUrl: database.url,
      config: {
        webhooks: [{ url: receiver.url, secret: SECRET }],
        webhookRetry: { attempts: 20, baseDelayMs: 100 },
        // Attempts may be held open for a while (no timeout while held); the lease is short enough that
        // the killed instance's claims are taken over within seconds.
        webhookDelivery: { pollIntervalMs: 100, timeoutMs: 10_000, leaseMs: 12_000 },
      },
    })
  }, 120_000)

  afterAll(async () => {
    await cluster?.close()
    await database?.drop()
    await receiver?.close()
  })

  test('a webhook is delivered once per event id while one instance is killed with SIGKILL mid-delivery and restarted', async () => {
    for (let i = 0; i < SIGN_UPS; i++) {
      const reply = await requestFrom('127.0.0.61', 'POST', `${cluster.url}/api/v1/auth/signup`, {
        body: { email: `hook-${i}@example.com`, password: PASSWORD },
      })
      expect(reply.status).toBe(201)
    }
    // Every event has reached the receiver, which holds each attempt open.
    await eventually(() => new Set(receiver.state.held.map(({ id }) => id)).size === EVENTS, 30_000)

    // Instance 0 (it served sign-ups, so it claimed their events at once) dies mid-delivery.
    const victim = cluster.instances[0]!
    await victim.kill()
    expect(victim.process.signalCode).toBe('SIGKILL')
    await eventually(() => receiver.state.held.some(({ req }) => req.socket.destroyed), 5_000)
    const cut = receiver.state.held.filter(({ req }) => req.socket.destroyed).map(({ id }) => id)
    expect(cut.length).toBeGreaterThan(0)

    receiver.release()
    await victim.restart()

    // The orphaned deliveries are taken over once their lease runs out; every event ends up accepted.
    await eventually(() => [...receiver.state.seen].every((id) => receiver.state.accepted.has(id)), 60_000)
    expect(receiver.state.seen.size).toBe(EVENTS)
    // A while longer: a delivery repeated after its 2xx would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect([...receiver.state.accepted.values()]).toEqual(Array.from({ length: EVENTS }, () => 1))
    expect(receiver.state.afterAccepted).toEqual([])
    expect(await database.query('SELECT id, status FROM plinto_webhook_outbox')).toEqual([])
  }, 120_000)
})
