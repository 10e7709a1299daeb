// Two plinto-server processes on one PostgreSQL; one is killed with SIGKILL while its webhook attempts are in
// flight, then restarted. Every event arrives, each event id is answered 2xx exactly once (the receiver
// de-duplicates by id, as receivers should), and nothing is delivered again after a 2xx.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { silentLogger } from '../index'
import { createPostgresStore } from '../node'
import { run } from './bin-runner'
import { PASSWORD } from './helpers'
import { eventually } from './webhook-receiver'

const SECRET = 'whsec_sigkill_test'
const realDatabase = inject('postgresUrl')

describe.skipIf(!realDatabase)('webhooks while an instance is killed with SIGKILL', () => {
  // plinto-server keeps its tables in the `public` schema: a database of its own keeps other tests' rows away.
  const database = `plinto_sigkill_${Date.now()}`
  const databaseUrl = (() => {
    const url = new URL(realDatabase ?? 'postgres://x@127.0.0.1/x')
    url.pathname = `/${database}`
    return url.href
  })()
  const admin = async (sql: string) => {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  let dir: string
  beforeAll(async () => {
    await admin(`CREATE DATABASE "${database}"`)
    dir = await mkdtemp(join(tmpdir(), 'plinto-sigkill-'))
  })
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await rm(dir, { recursive: true, force: true })
  })

  test('every event arrives, each id is accepted once, none is delivered again after a 2xx', {
    timeout: 120_000,
  }, async () => {
    // The receiver: holds every request while `holding`, then answers 204; records each id it answered 2xx.
    let holding = true
    const held: { id: string; req: IncomingMessage; res: ServerResponse }[] = []
    const seenIds = new Set<string>()
    const acceptedCount = new Map<string, number>()
    const afterAccepted: string[] = []
    const accept = (id: string, res: ServerResponse) => {
      res.once('finish', () => acceptedCount.set(id, (acceptedCount.get(id) ?? 0) + 1))
      res.writeHead(204).end()
    }
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        const { id } = JSON.parse(body) as { id: string }
        seenIds.add(id)
        if (acceptedCount.has(id)) afterAccepted.push(id)
        if (holding) held.push({ id, req, res })
        else accept(id, res)
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`

    const configFile = join(dir, 'plinto.json')
    await writeFile(
      configFile,
      JSON.stringify({
        webhooks: [{ url: hookUrl, secret: SECRET }],
        webhookRetry: { attempts: 20, baseDelayMs: 100 },
        // Attempts may be held open for a while (no timeout while the receiver holds them); a lease short
        // enough that the killed instance's claims are taken over within seconds.
        webhookDelivery: { pollIntervalMs: 100, timeoutMs: 10_000, leaseMs: 12_000 },
      }),
    )
    const start = async () => {
      const bin = run(['--port', '0', '--mode', 'test', '--config', configFile], { DATABASE_URL: databaseUrl })
      const [, url] = await bin.waitFor(/listening on (http:\/\/\S+)\n/)
      return { bin, url: url! }
    }
    const instances = [await start(), await start()]
    try {
      // Six sign-ups over both instances: 12 events (user.created, session.created).
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${instances[i % 2]!.url}/api/v1/auth/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `user${i}@example.com`, password: PASSWORD }),
        })
        expect(response.status).toBe(201)
      }
      await eventually(() => new Set(held.map(({ id }) => id)).size === 12, 30_000)

      // Instance 0 dies mid-delivery: its attempts are held open by the receiver.
      instances[0]!.bin.child.kill('SIGKILL')
      await instances[0]!.bin.exited
      await eventually(() => held.some(({ req }) => req.socket.destroyed), 5_000)
      const cut = held.filter(({ req }) => req.socket.destroyed).map(({ id }) => id)
      expect(cut.length).toBeGreaterThan(0)

      // The survivor's attempts are answered; the killed one's cannot be.
      holding = false
      for (const { id, req, res } of held.splice(0)) if (!req.socket.destroyed) accept(id, res)
      // Restarted, it (or the survivor) takes the orphaned deliveries over once their lease runs out.
      instances[0] = await start()

      await eventually(() => [...seenIds].every((id) => acceptedCount.has(id)), 60_000)
      expect(seenIds.size).toBe(12)
      // A while longer: a delivery repeated after its 2xx would show up now.
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      expect([...acceptedCount.values()]).toEqual(Array.from({ length: 12 }, () => 1))
      expect(afterAccepted).toEqual([])
      for (const id of cut) expect(acceptedCount.get(id)).toBe(1)

      const store = await createPostgresStore({ connectionString: databaseUrl, logger: silentLogger })
      try {
        expect(await store.outbox.countPending()).toBe(0)
        expect(await store.outbox.listDead()).toEqual([])
      } finally {
        await store.close()
      }
    } finally {
      for (const { bin } of instances) {
        if (bin.child.exitCode === null && bin.child.signalCode === null) {
          bin.child.kill('SIGTERM')
          await bin.exited
        }
      }
      receiver.closeAllConnections()
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})
