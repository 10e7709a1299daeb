// The embedded store under a crash: plinto-server on a data directory is killed with SIGKILL while sign-ups
// and refreshes are in flight; the restarted server starts cleanly (PostgreSQL's WAL recovery, the dead
// process's lock taken over) and has every write it acknowledged. And a second server on the same directory
// is refused with a clear message instead of opening the database twice.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { run } from './bin-runner'
import { PASSWORD } from './helpers'
import { PGLITE_START_TIMEOUT } from './postgres-helpers'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plinto-crash-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const LISTENING = /listening on (http:\/\/\S+)\n/

function post(url: string, path: string, body: unknown) {
  return fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('embedded store crash safety', () => {
  test(
    'killed with SIGKILL mid-write, the restarted server has every acknowledged write; a second server is refused',
    async () => {
      // Test mode: cheap password hashing and no rate limits, so many writes are in flight at once.
      const first = run(['--port', '0', '--data-dir', dir], { PLINTO_MODE: 'test' })
      const [, url] = await first.waitFor(LISTENING)

      // A second server on the same directory fails to start and says why.
      const second = run(['--port', '0', '--data-dir', dir], { PLINTO_MODE: 'test' })
      expect(await second.exited).toBe(1)
      expect(second.output().stderr).toMatch(
        new RegExp(`in use by another process \\(PID ${first.child.pid} on .+\\)\\..*--database-url`),
      )

      const start = await (
        await post(url as string, '/auth/signup', { email: 'chain@example.com', password: PASSWORD })
      ).json()
      const signedUp: string[] = []
      let refreshToken: string = start.tokens.refresh_token
      let refreshes = 0
      let killed = false
      // Four writers signing up and one refreshing a chain of tokens, until the process dies under them.
      const signUps = Array.from({ length: 4 }, async (_, worker) => {
        for (let i = 0; !killed; i++) {
          const email = `w${worker}-${i}@example.com`
          try {
            const response = await post(url as string, '/auth/signup', { email, password: PASSWORD })
            if (response.status === 201) signedUp.push(email)
            else expect(response.status).toBe(201)
          } catch {
            return // the connection died with the process
          }
        }
      })
      const refreshing = (async () => {
        while (!killed) {
          try {
            const response = await post(url as string, '/auth/refresh', { refresh_token: refreshToken })
            expect(response.status).toBe(200)
            refreshToken = (await response.json()).refresh_token
            refreshes++
          } catch {
            return
          }
        }
      })()
      // Kill once enough has been acknowledged that requests are surely in flight.
      while (signedUp.length < 20 || refreshes < 10) await new Promise((resolve) => setTimeout(resolve, 10))
      first.child.kill('SIGKILL')
      killed = true
      await first.exited
      await Promise.all([...signUps, refreshing])
      const acknowledged = [...signedUp]

      const restarted = run(['--port', '0', '--data-dir', dir], { PLINTO_MODE: 'test' })
      try {
        const [, again] = await restarted.waitFor(LISTENING)
        for (const email of acknowledged) {
          const response = await post(again as string, '/auth/signin', { email, password: PASSWORD })
          expect(response.status, email).toBe(200)
        }
        // The last acknowledged rotation is there: its token is the live one.
        const refreshed = await post(again as string, '/auth/refresh', { refresh_token: refreshToken })
        expect(refreshed.status).toBe(200)
      } finally {
        restarted.child.kill('SIGTERM')
        expect(await restarted.exited).toBe(0)
      }
      expect(restarted.output().stderr).toBe('')
    },
    PGLITE_START_TIMEOUT * 3,
  )
})
