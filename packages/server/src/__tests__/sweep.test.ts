import type { PGlite } from '@electric-sql/pglite'
import { afterAll, afterEach, describe, expect, inject, test, vi } from 'vitest'
import { sha256 } from '../crypto/hash'
import { randomToken } from '../crypto/random'
import { createMemoryStore, silentLogger, SWEEP_MARGIN_MS, type PlintoStore } from '../index'
import { createPostgresStore, pgliteClient, startServer } from '../node'
import { call, signUp, testApp } from './helpers'
import { PGLITE_START_TIMEOUT, startPglite } from './postgres-helpers'

const DAY = 24 * 3600 * 1000
const GRACE = 10_000

let pglite: PGlite | undefined
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})
afterAll(() => pglite?.close())

let schemas = 0
const realDatabase = inject('postgresUrl')
const STORES: Array<[string, () => Promise<PlintoStore>]> = [
  ['memory', async () => createMemoryStore()],
  [
    'PGlite',
    async () => {
      pglite ??= await startPglite()
      return createPostgresStore({ client: pgliteClient(pglite), schema: `sweep_${process.pid}_${schemas++}` })
    },
  ],
  ...(realDatabase
    ? [
        [
          'PostgreSQL',
          async () => {
            const store = await createPostgresStore({
              connectionString: realDatabase,
              schema: `sweep_${process.pid}_${schemas++}`,
              logger: silentLogger,
            })
            cleanups.push(() => store.close())
            return store
          },
        ] as [string, () => Promise<PlintoStore>],
      ]
    : []),
]

/** A test app on `store` with a clock the test moves. */
function setup(store: PlintoStore) {
  let now = Date.UTC(2030, 0, 1)
  const clock = { now: () => now, advance: (ms: number) => (now += ms) }
  const app = testApp({ store, clock })
  const refresh = (refresh_token: string) => call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token } })
  const stored = async (token: string) => app.plinto.store.refreshTokens.getByHash(await sha256(token))
  return { app, clock, refresh, stored }
}

describe.each(STORES)('sweep on the %s store', (_name, open) => {
  test(
    'a rotated token is still detected as reuse after the sweep deleted its record',
    async () => {
      const { app, clock, refresh, stored } = setup(await open())
      const { tokens } = await signUp(app)
      const next = await refresh(tokens.refresh_token)
      expect(next.status).toBe(200)

      clock.advance(GRACE + SWEEP_MARGIN_MS + 1)
      expect(await app.plinto.sweep()).toEqual({ sessions: 0, refreshTokens: 1, emailTokens: 0 })
      expect(await stored(tokens.refresh_token)).toBeUndefined()
      expect(await stored(next.body.refresh_token)).toBeDefined()

      const reused = await refresh(tokens.refresh_token)
      expect(reused.status).toBe(401)
      expect(reused.body.error_code).toBe('REFRESH_TOKEN_REUSED')
      expect((await refresh(next.body.refresh_token)).body.error_code).toBe('SESSION_REVOKED')

      // The ended session's tokens go at the next sweep; its tokens still answer SESSION_REVOKED.
      expect(await app.plinto.sweep()).toEqual({ sessions: 0, refreshTokens: 1, emailTokens: 0 })
      expect(await stored(next.body.refresh_token)).toBeUndefined()
      expect((await refresh(next.body.refresh_token)).body.error_code).toBe('SESSION_REVOKED')
      expect((await refresh(tokens.refresh_token)).body.error_code).toBe('SESSION_REVOKED')
      // A token of the same shape with another family is just unknown.
      const forged = `${'A'.repeat(27)}${tokens.refresh_token.slice(27)}`
      expect((await refresh(forged)).body.error_code).toBe('INVALID_REFRESH_TOKEN')
      // Every token is 43 base64url characters, as before families; the session's share their first 27.
      expect(tokens.refresh_token).toMatch(/^[\w-]{43}$/)
      expect(next.body.refresh_token.slice(0, 27)).toBe(tokens.refresh_token.slice(0, 27))
    },
    PGLITE_START_TIMEOUT,
  )

  test('a session keeps at most two stored refresh tokens however often it refreshes', async () => {
    const { app, clock, refresh, stored } = setup(await open())
    const { tokens } = await signUp(app)
    const issued = [tokens.refresh_token]
    for (let i = 0; i < 30; i++) {
      clock.advance(2 * 60_000)
      const next = await refresh(issued.at(-1)!)
      expect(next.status).toBe(200)
      issued.push(next.body.refresh_token)
      await app.plinto.sweep()
    }
    const kept = (await Promise.all(issued.map(stored))).filter((record) => record !== undefined)
    // The current token, and the one rotated last (inside its window plus the sweep's margin).
    expect(kept).toHaveLength(2)
    expect(kept.map((record) => record.rotated_at === null)).toEqual([false, true])
    // Every earlier token still ends the session when presented.
    expect((await refresh(issued[3]!)).body.error_code).toBe('REFRESH_TOKEN_REUSED')
  })

  test('a session from before families keeps its rotated tokens until they expire; reuse is still detected', async () => {
    const { app, clock, refresh, stored } = setup(await open())
    const { user } = await signUp(app)
    const now = app.plinto.clock.now()
    const legacy = randomToken(32)
    await app.plinto.store.sessions.create({
      id: 'sess_legacy',
      user_id: user.id,
      created_at: now,
      last_active_at: now,
      expires_at: now + 30 * DAY,
      revoked_at: null,
      revoked_reason: null,
      remember: true,
      ip: '127.0.0.1',
      user_agent: null,
      active_organization_id: null,
    })
    await app.plinto.store.refreshTokens.create({
      token_hash: await sha256(legacy),
      session_id: 'sess_legacy',
      user_id: user.id,
      created_at: now,
      expires_at: now + 30 * DAY,
      rotated_at: null,
      successor_box: null,
    })
    const next = await refresh(legacy)
    expect(next.status).toBe(200)
    expect((await app.plinto.store.sessions.get('sess_legacy'))?.refresh_family_hash ?? null).toBeNull()
    clock.advance(GRACE + SWEEP_MARGIN_MS + 1)
    await app.plinto.sweep()
    expect(await stored(legacy)).toMatchObject({ session_id: 'sess_legacy' })
    expect((await refresh(legacy)).body.error_code).toBe('REFRESH_TOKEN_REUSED')
    expect((await refresh(next.body.refresh_token)).body.error_code).toBe('SESSION_REVOKED')
  })

  test('expired sessions and their tokens go; an expired token stays refused', async () => {
    const { app, clock, refresh, stored } = setup(await open())
    // Sign-up also stored a verification link (24 h).
    const { tokens, user } = await signUp(app)
    clock.advance(30 * DAY)
    expect((await refresh(tokens.refresh_token)).body.error_code).toBe('INVALID_REFRESH_TOKEN')
    clock.advance(SWEEP_MARGIN_MS)
    expect(await app.plinto.sweep()).toEqual({ sessions: 1, refreshTokens: 1, emailTokens: 1 })
    expect(await app.plinto.store.sessions.listByUser(user.id)).toEqual([])
    expect(await stored(tokens.refresh_token)).toBeUndefined()
    expect((await refresh(tokens.refresh_token)).body.error_code).toBe('INVALID_REFRESH_TOKEN')
    // Signing out with the (long expired) access token of the swept session still succeeds, as for any ended one.
    const signOut = await call(app, 'POST', '/api/v1/auth/signout', { token: tokens.access_token })
    expect(signOut.status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token })).status).toBe(401)
  })

  test('sweeps running while 10 sessions refresh at once lose nothing live', async () => {
    const { app, clock, refresh } = setup(await open())
    const sessions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signUp(app, `user${i}@example.com`).then((r) => r.tokens.refresh_token)),
    )
    // Each session rotated once long ago, so each sweep has something to delete.
    const current = await Promise.all(sessions.map(async (token) => (await refresh(token)).body.refresh_token))
    clock.advance(GRACE + SWEEP_MARGIN_MS + 1)
    const [refreshes] = await Promise.all([
      Promise.all(current.map((token) => refresh(token))),
      app.plinto.sweep(),
      app.plinto.sweep(),
    ])
    expect(refreshes.map((r) => r.status)).toEqual(current.map(() => 200))
    await app.plinto.sweep()
    // Every new token works, every session is alive.
    const again = await Promise.all(refreshes.map((r) => refresh(r.body.refresh_token)))
    expect(again.map((r) => r.status)).toEqual(current.map(() => 200))
  })
})

describe('the sweep timer of startServer', () => {
  test('sweeps every sweepIntervalSeconds, keeps no process alive, stops with close()', async () => {
    const memory = createMemoryStore()
    let sweeps = 0
    const store: PlintoStore = {
      ...memory,
      sessions: {
        ...memory.sessions,
        deleteExpired: (nowMs) => {
          sweeps++
          return memory.sessions.deleteExpired(nowMs)
        },
      },
    }
    let now = Date.UTC(2030, 0, 1)
    // The real setInterval, watched: the sweep's is the one with the configured interval.
    const intervals = vi.spyOn(globalThis, 'setInterval')
    const server = await startServer({
      port: 0,
      mode: 'test',
      logger: silentLogger,
      store,
      clock: { now: () => now },
      config: { sweepIntervalSeconds: 1 },
    })
    const sweepTimers = intervals.mock.results
      .filter((_, i) => intervals.mock.calls[i]?.[1] === 1_000)
      .map((result) => result.value as NodeJS.Timeout)
    intervals.mockRestore()
    expect(sweepTimers).toHaveLength(1)
    // The interval does not hold the event loop open.
    expect(sweepTimers[0]!.hasRef()).toBe(false)
    const { tokens } = await signUp(server.app)
    const next = await call(server.app, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: tokens.refresh_token },
    })
    expect(next.status).toBe(200)
    now += GRACE + SWEEP_MARGIN_MS + 1
    const hash = await sha256(tokens.refresh_token)
    await expect.poll(() => store.refreshTokens.getByHash(hash), { timeout: 5_000, interval: 100 }).toBeUndefined()
    expect(sweeps).toBeGreaterThan(0)

    await server.close()
    const atClose = sweeps
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(sweeps).toBe(atClose)
  })

  test('sweepIntervalSeconds must be a positive integer', () => {
    expect(() => testApp({ config: { sweepIntervalSeconds: 0 } })).toThrow(TypeError)
  })
})
