// Rate limits tried as an attacker would: many sign-ins from one IP at once. The store checks and counts each
// request in one atomic step, so exactly the budget gets through — on the memory store, on PostgreSQL, and
// across two app instances on one PostgreSQL database — and the count survives a restart.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { createMemoryStore, type PlintoApp, type PlintoStore, silentLogger } from '../index'
import { createEmbeddedStore, createPostgresStore } from '../node'
import { call, PASSWORD, type Reply, testApp } from './helpers'

const ATTACK = 30
const SIGNIN_LIMIT = 5
const START = Date.UTC(2030, 0, 1, 12, 0, 0)

/** Apps with the contract's limits on (development mode) and fast hashing, on `store`, at time `now()`. */
function limitedApp(store: PlintoStore, now: () => number): PlintoApp {
  return testApp({ mode: 'development', store, clock: { now }, config: { passwordHashIterations: 1000 } })
}

/** One sign-in with an unknown account of its own (so only the per-IP budget is shared), from one IP. */
function signIn(app: PlintoApp): Promise<Reply> {
  return call(app, 'POST', '/api/v1/auth/signin', {
    body: { email: `u${crypto.randomUUID()}@example.com`, password: PASSWORD },
  })
}

/** `count` sign-ins at once, spread round-robin over `apps`. */
function burst(apps: PlintoApp[], count = ATTACK): Promise<Reply[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => signIn(apps[i % apps.length]!)))
}

function expectExactlyTheBudget(replies: Reply[], budget: number, windowEnd: number, now: number) {
  const passed = replies.filter((r) => r.status !== 429)
  expect(passed.map((r) => r.status)).toEqual(Array(budget).fill(401))
  // Each request that got through saw its own place in the window.
  expect(passed.map((r) => Number(r.headers.get('x-ratelimit-remaining'))).sort()).toEqual(
    Array.from({ length: budget }, (_, i) => i),
  )
  const limited = replies.filter((r) => r.status === 429)
  expect(limited).toHaveLength(replies.length - budget)
  const retryAfter = Math.ceil((windowEnd - now) / 1000)
  for (const reply of limited) {
    expect(reply.body).toMatchObject({ error_code: 'RATE_LIMITED', retry_after: retryAfter })
    expect(reply.headers.get('retry-after')).toBe(String(retryAfter))
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(reply.headers.get('x-ratelimit-reset')).toBe(String(Math.ceil(windowEnd / 1000)))
  }
}

describe('on the memory store', () => {
  test(`${ATTACK} concurrent sign-ins from one IP: exactly ${SIGNIN_LIMIT} get through`, async () => {
    const app = limitedApp(createMemoryStore(), () => START)
    expectExactlyTheBudget(await burst([app]), SIGNIN_LIMIT, START + 60_000, START)
  })
})

describe('on the embedded store', () => {
  let dir: string
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('a restart keeps the count: 3 before it, then only 2 more in the same window', async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinto-rate-limit-'))
    let now = START
    const before = await createEmbeddedStore(dir)
    for (const reply of await burst([limitedApp(before, () => now)], 3)) expect(reply.status).toBe(401)
    await before.close()

    now += 18_000
    const after = await createEmbeddedStore(dir)
    try {
      expectExactlyTheBudget(await burst([limitedApp(after, () => now)]), 2, START + 60_000, now)
    } finally {
      await after.close()
    }
  })
})

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('on a real PostgreSQL', () => {
  const stores: PlintoStore[] = []
  afterAll(() => Promise.all(stores.map((store) => store.close())))
  let schemas = 0
  const freshSchema = () => `plinto_rate_race_${Date.now()}_${schemas++}`
  /** A store with its own pool, like one server process. */
  const open = async (schema: string) => {
    const store = await createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger })
    stores.push(store)
    return store
  }

  test(`${ATTACK} concurrent sign-ins from one IP: exactly ${SIGNIN_LIMIT} get through`, async () => {
    const app = limitedApp(await open(freshSchema()), () => START)
    expectExactlyTheBudget(await burst([app]), SIGNIN_LIMIT, START + 60_000, START)
  })

  test('two app instances on one database share one limit', async () => {
    const schema = freshSchema()
    const apps = [limitedApp(await open(schema), () => START), limitedApp(await open(schema), () => START)]
    const replies = await burst(apps)
    expectExactlyTheBudget(replies, SIGNIN_LIMIT, START + 60_000, START)
    // Both instances answered part of the burst, and both refused some of it.
    expect(replies.filter((_, i) => i % 2 === 0 && replies[i]!.status === 429).length).toBeGreaterThan(0)
    expect(replies.filter((_, i) => i % 2 === 1 && replies[i]!.status === 429).length).toBeGreaterThan(0)
  })

  test('a restart keeps the count: 3 before it, then only 2 more in the same window', async () => {
    const schema = freshSchema()
    let now = START
    const before = await open(schema)
    for (const reply of await burst([limitedApp(before, () => now)], 3)) expect(reply.status).toBe(401)
    await before.close()

    now += 18_000
    const after = await open(schema)
    expectExactlyTheBudget(await burst([limitedApp(after, () => now)]), 2, START + 60_000, now)
  })

  test('windows that ended are swept off the request path, so the table holds the live windows only', async () => {
    const schema = freshSchema()
    let now = START
    const app = limitedApp(await open(schema), () => now)
    // 1 IP window and 5 account windows: the requests refused per IP never reach their account's count.
    await burst([app], 10)
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      const windows = async () =>
        (await client.query<{ reset_at: string }>(`SELECT reset_at FROM "${schema}".plinto_rate_limits`)).rows.map(
          (row) => Number(row.reset_at),
        )
      expect(await windows()).toEqual(Array(6).fill(START + 60_000))
      now += 61_000
      expect((await call(app, 'GET', '/health')).status).toBe(200)
      // The sweep runs after the response, on its own: wait for it.
      await expect.poll(windows, { timeout: 5_000 }).toEqual([now + 60_000])
    } finally {
      await client.end()
    }
  })
})
