// The durable webhook outbox through the running server: one event id on every retry, jittered exponential
// backoff, dead letters and their re-queue (also through `plinto-server dead-letters`), a restart that
// delivers what was pending (embedded store, PostgreSQL), a crashed instance's lease taken over, a graceful
// close, and two instances on one PostgreSQL delivering each event once.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, inject, test } from 'vitest'
import { createMemoryStore, type PlintoConfigOverrides, type PlintoStore, retryDelay, silentLogger } from '../index'
import { createEmbeddedStore, createPostgresStore, type RunningServer, startServer } from '../node'
import { verifyWebhookPayload } from '../webhooks/signature'
import { deadLetters } from '../cli/dead-letters'
import { UsageError } from '../cli/values'
import { run } from './bin-runner'
import { PASSWORD } from './helpers'
import { outboxRecord } from './store-conformance/outbox'
import { eventually, type ReceivedAttempt, startWebhookReceiver } from './webhook-receiver'

const SECRET = 'whsec_outbox_test'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function serve(
  url: string,
  { store, ...config }: PlintoConfigOverrides & { store?: PlintoStore } = {},
): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    mode: 'test',
    logger: silentLogger,
    store,
    config: {
      webhooks: [{ url, secret: SECRET }],
      webhookRetry: { attempts: 3, baseDelayMs: 5 },
      webhookDelivery: { pollIntervalMs: 50, timeoutMs: 2_000, leaseMs: 5_000 },
      ...config,
    },
  })
  // Tests that close it themselves have done so already: a second close() is refused.
  cleanups.push(() => server.close().catch(() => undefined))
  return server
}

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]) {
  const hook = await startWebhookReceiver(respond)
  cleanups.push(hook.close)
  return hook
}

const signUp = (server: RunningServer, email = 'ada@example.com') =>
  fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })

/** The attempts of each event id, in arrival order. */
function byEvent(attempts: ReceivedAttempt[]): Map<string, ReceivedAttempt[]> {
  const events = new Map<string, ReceivedAttempt[]>()
  for (const attempt of attempts) events.set(attempt.event.id, [...(events.get(attempt.event.id) ?? []), attempt])
  return events
}

describe('retries', () => {
  test('every attempt of an event carries its id and data unchanged, with a fresh timestamp it signs', async () => {
    // Each event fails twice, then is accepted.
    const seen = new Map<string, number>()
    const hook = await receiver(({ event }) => {
      seen.set(event.id, (seen.get(event.id) ?? 0) + 1)
      return { status: (seen.get(event.id) ?? 0) < 3 ? 500 : 204 }
    })
    const server = await serve(hook.url, { webhookRetry: { attempts: 5, baseDelayMs: 20 } })
    expect((await signUp(server)).status).toBe(201)
    await server.app.plinto.webhooks.idle()

    const events = byEvent(hook.attempts)
    expect([...events.values()].map((attempts) => attempts[0]!.event.event).sort()).toEqual([
      'session.created',
      'user.created',
    ])
    for (const [id, attempts] of events) {
      expect(id).toMatch(/^evt_/)
      expect(attempts).toHaveLength(3)
      for (const attempt of attempts) {
        expect(Object.keys(attempt.event)).toEqual(['id', 'event', 'timestamp', 'data'])
        expect(attempt.event.data).toEqual(attempts[0]!.event.data)
        expect(attempt.event.event).toBe(attempts[0]!.event.event)
        expect(await verifyWebhookPayload(attempt.body, attempt.signature, SECRET)).toBe(true)
        // The signed timestamp is the attempt's: within a second of its arrival.
        expect(Math.abs(Date.parse(attempt.event.timestamp) - attempt.at)).toBeLessThan(1_000)
      }
      const stamps = attempts.map((attempt) => Date.parse(attempt.event.timestamp))
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b))
      expect(new Set(attempts.map((attempt) => attempt.signature)).size).toBe(3)
    }
    expect(hook.accepted).toHaveLength(2)
    expect(await server.app.plinto.store.outbox.countPending()).toBe(0)
  })

  test('the delay doubles per attempt, drawn between half and all of it', async () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1000, () => 0))).toEqual([500, 1000, 2000, 4000])
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 1000, () => 1))).toEqual([1000, 2000, 4000, 8000])
    const draws = Array.from({ length: 200 }, () => retryDelay(3, 1000))
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(2000)
    expect(Math.max(...draws)).toBeLessThanOrEqual(4000)
    expect(new Set(draws).size).toBeGreaterThan(50)

    // Live: the gaps between the attempts of one event grow that way.
    const hook = await receiver(() => ({ status: 503 }))
    const server = await serve(hook.url, { webhookRetry: { attempts: 4, baseDelayMs: 80 } })
    await server.app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
    await server.app.plinto.webhooks.idle()
    const [attempts] = [...byEvent(hook.attempts).values()]
    expect(attempts).toHaveLength(4)
    const gaps = attempts!.slice(1).map((attempt, i) => attempt.at - attempts![i]!.at)
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual((80 * 2 ** i) / 2 - 5)
  })
})

describe('dead letters', () => {
  test('after N failed attempts the delivery is a dead letter; re-queued, it arrives with the same id', async () => {
    let up = false
    const hook = await receiver(() => ({ status: up ? 204 : 503 }))
    const server = await serve(hook.url, { webhookRetry: { attempts: 3, baseDelayMs: 1 } })
    const { store, webhooks } = server.app.plinto
    const user = await server.app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
    await webhooks.idle()
    expect(hook.attempts).toHaveLength(3)
    const [dead] = await store.outbox.listDead()
    expect(dead).toMatchObject({ event: 'user.created', status: 'dead', attempts: 3, last_error: 'HTTP 503' })
    expect(JSON.parse(dead!.data)).toMatchObject({ user: { id: user.id } })
    expect(dead!.event_id).toBe(hook.attempts[0]!.event.id)

    up = true
    expect(await store.outbox.requeue(undefined, Date.now())).toBe(1)
    webhooks.wake()
    await webhooks.idle()
    expect(hook.accepted.map((attempt) => attempt.event.id)).toEqual([dead!.event_id])
    expect(await store.outbox.listDead()).toEqual([])
  })

  test('plinto-server dead-letters lists them and re-queues one or all', { timeout: 20_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plinto-dead-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    const store = await createEmbeddedStore(dir)
    await store.outbox.enqueue([outboxRecord('whd_one'), outboxRecord('whd_two', { event: 'user.deleted' })])
    await store.outbox.claim({ owner: 'whw_1', nowMs: Date.now(), leaseMs: 1000, limit: 2 })
    await store.outbox.fail('whd_one', 'whw_1', Date.now(), null, 'HTTP 410')
    await store.outbox.fail('whd_two', 'whw_1', Date.now(), null, 'timeout')
    await store.close()

    // The bin itself, twice at once: a listing, and bad arguments (exit 2).
    const listed = run(['dead-letters', '--data-dir', dir])
    const wrong = run(['dead-letters', 'requeue', 'whd_one', '--all', '--data-dir', dir])
    expect(await listed.exited).toBe(0)
    const lines = listed.output().stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^ID\s+EVENT\s+EVENT ID\s+ENDPOINT\s+ATTEMPTS\s+DEAD SINCE\s+LAST ERROR$/)
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
      [
        'whd_one',
        'user.created',
        'evt_whd_one',
        'https://hooks.example.com/plinto',
        '1',
        expect.any(String),
        'HTTP 410',
      ],
      [
        'whd_two',
        'user.deleted',
        'evt_whd_two',
        'https://hooks.example.com/plinto',
        '1',
        expect.any(String),
        'timeout',
      ],
    ])
    expect(await wrong.exited).toBe(2)
    expect(wrong.output().stderr).toMatch(/^plinto-server: .+\nRun plinto-server dead-letters --help for usage\.\n$/)

    // The rest through the subcommand's function, in this process (what bin.ts calls).
    const cli = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      let stdout = ''
      const code = await deadLetters(args, env, (text) => {
        stdout += text
      })
      return { code, stdout }
    }
    expect(await cli(['requeue', 'whd_two', '--data-dir', dir])).toEqual({ code: 0, stdout: 'Re-queued 1 delivery.\n' })
    expect(await cli(['requeue', 'whd_two', '--data-dir', dir])).toEqual({
      code: 1,
      stdout: 'No dead letter whd_two.\n',
    })
    const json = await cli(['list', '--json'], { PLINTO_DATA_DIR: dir })
    expect(JSON.parse(json.stdout).map((r: { id: string }) => r.id)).toEqual(['whd_one'])
    expect(await cli(['requeue', '--all', '--data-dir', dir])).toEqual({ code: 0, stdout: 'Re-queued 1 delivery.\n' })
    expect(await cli(['--data-dir', dir])).toEqual({ code: 0, stdout: 'No dead letters.\n' })
    const reopened = await createEmbeddedStore(dir)
    expect(await reopened.outbox.countPending()).toBe(2)
    await reopened.close()

    for (const args of [['requeue', '--data-dir', dir], ['purge', '--data-dir', dir], ['--memory'], []]) {
      await expect(cli(args), args.join(' ')).rejects.toBeInstanceOf(UsageError)
    }
    expect((await cli(['--help'])).stdout).toMatch(/requeue \(ID \| --all\)/)
  })
})

describe('crashes, restarts and shutdown', () => {
  test('a delivery leased by an instance that crashed is taken over once the lease runs out', async () => {
    const hook = await receiver()
    const store = createMemoryStore()
    const leaseUntil = Date.now() + 400
    await store.outbox.enqueue([
      outboxRecord('whd_orphan', {
        endpoint: hook.url,
        attempts: 1,
        lease_owner: 'whw_crashed',
        lease_until: leaseUntil,
      }),
    ])
    const server = await serve(hook.url, { store })
    await server.app.plinto.webhooks.idle()
    expect(hook.accepted.map((attempt) => attempt.event.id)).toEqual(['evt_whd_orphan'])
    expect(hook.accepted[0]!.at).toBeGreaterThanOrEqual(leaseUntil)
  })

  test('restart on the embedded store: what was pending is delivered, with the same ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plinto-outbox-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    let up = false
    const hook = await receiver(() => ({ status: up ? 204 : 503 }))
    const retry = { webhookRetry: { attempts: 5, baseDelayMs: 60_000 } }

    const first = await createEmbeddedStore(dir)
    const before = await serve(hook.url, { store: first, ...retry })
    expect((await signUp(before)).status).toBe(201)
    await eventually(() => hook.attempts.length === 2)
    await before.close()
    await first.close()
    const ids = hook.attempts.map((attempt) => attempt.event.id).sort()

    up = true
    const second = await createEmbeddedStore(dir)
    cleanups.push(() => second.close())
    // The retries are due in a minute: a restart does not make them due sooner; move them to now.
    expect(await second.outbox.countPending()).toBe(2)
    const after = await serve(hook.url, { store: second, webhookRetry: { attempts: 5, baseDelayMs: 1 } })
    await dueNow(second)
    await after.app.plinto.webhooks.idle()
    expect(hook.accepted.map((attempt) => attempt.event.id).sort()).toEqual(ids)
  })

  test('close() stops claiming; the attempt in flight finishes and is recorded', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const hook = await receiver(() => ({ status: 204, hold: held }))
    const store = createMemoryStore()
    const server = await serve(hook.url, { store })
    await server.app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
    await eventually(() => hook.attempts.length === 1)
    let closed = false
    const closing = server.close().then(() => (closed = true))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(closed).toBe(false)
    release()
    await closing
    expect(await store.outbox.countPending()).toBe(0)
    expect(hook.accepted).toHaveLength(1)
    // Nothing is claimed after close: a delivery recorded now stays pending.
    await store.outbox.enqueue([outboxRecord('whd_after', { endpoint: hook.url, next_attempt_at: Date.now() })])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(hook.attempts).toHaveLength(1)
    expect(await store.outbox.countPending()).toBe(1)
  })
})

/** Makes every pending delivery due now (a test does not wait out a minute of backoff). */
async function dueNow(store: PlintoStore) {
  // Through the store's own operations: claim them all, then fail them with "due now".
  const claimed = await store.outbox.claim({ owner: 'whw_test', nowMs: Date.now() + 3_600_000, leaseMs: 1, limit: 100 })
  for (const record of claimed) await store.outbox.fail(record.id, 'whw_test', Date.now(), Date.now(), 'moved')
}

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('on a real PostgreSQL', () => {
  const freshSchema = () => `plinto_outbox_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  const openStore = async (schema: string) => {
    const store = await createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger })
    cleanups.push(() => store.close())
    return store
  }
  const dropSchema = (schema: string) => async () => {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    } finally {
      await client.end()
    }
  }

  test('restart: what was pending is delivered, with the same ids', { timeout: 30_000 }, async () => {
    const schema = freshSchema()
    cleanups.push(dropSchema(schema))
    let up = false
    const hook = await receiver(() => ({ status: up ? 204 : 503 }))
    const first = await createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger })
    const before = await serve(hook.url, { store: first, webhookRetry: { attempts: 5, baseDelayMs: 60_000 } })
    expect((await signUp(before)).status).toBe(201)
    await eventually(() => hook.attempts.length === 2)
    await before.close()
    await first.close()
    const ids = hook.attempts.map((attempt) => attempt.event.id).sort()

    up = true
    const second = await openStore(schema)
    expect(await second.outbox.countPending()).toBe(2)
    const after = await serve(hook.url, { store: second, webhookRetry: { attempts: 5, baseDelayMs: 1 } })
    await dueNow(second)
    await after.app.plinto.webhooks.idle()
    expect(hook.accepted.map((attempt) => attempt.event.id).sort()).toEqual(ids)
  })

  test('two instances on one database deliver each event once', { timeout: 60_000 }, async () => {
    const schema = freshSchema()
    cleanups.push(dropSchema(schema))
    const hook = await receiver()
    const stores = [await openStore(schema), await openStore(schema)]
    const servers = await Promise.all(stores.map((store) => serve(hook.url, { store })))
    // 24 sign-ups spread over both instances, at once: 48 events (user.created, session.created).
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => signUp(servers[i % 2]!, `user${i}@example.com`)),
    )
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201))
    await Promise.all(servers.map((server) => server.app.plinto.webhooks.idle()))
    // A while longer: a second delivery of anything would show up now.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const ids = hook.attempts.map((attempt) => attempt.event.id)
    expect(ids).toHaveLength(48)
    expect(new Set(ids).size).toBe(48)
    expect(hook.accepted).toHaveLength(48)
  })
})
