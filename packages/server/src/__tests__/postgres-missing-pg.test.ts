// `pg` is an optional peer dependency: opening the PostgreSQL store from a connection string without it
// installed fails with an error that names the package to install. Here Node's "not found" error is raised
// by a mocked `pg` module (vitest wraps errors thrown by a mock factory itself); the consumer test
// (scripts/consumer-test.mjs) checks the same against a real npm install without pg.
import { expect, test, vi } from 'vitest'
import { createPostgresStore } from '../node'

const notFound = vi.hoisted(() => ({ error: null as Error | null }))

vi.mock('pg', () => ({
  get default() {
    throw notFound.error
  },
}))

test('a connection string without pg installed fails with MISSING_DEPENDENCY naming pg', async () => {
  notFound.error = Object.assign(
    new Error("Cannot find package 'pg' imported from /app/node_modules/@plinto/server/dist/node.js"),
    {
      code: 'ERR_MODULE_NOT_FOUND',
    },
  )
  const failure = await createPostgresStore({ connectionString: 'postgres://localhost:1/none' }).catch(
    (error: unknown) => error,
  )
  expect(failure).toMatchObject({
    name: 'MissingDependencyError',
    code: 'MISSING_DEPENDENCY',
    packageName: 'pg',
    message: expect.stringContaining('npm install pg'),
  })
  expect((failure as Error).cause).toBe(notFound.error)
})

test('a package missing inside pg (not pg itself) is not reported as pg missing', async () => {
  notFound.error = Object.assign(new Error("Cannot find module 'pg-pool'"), { code: 'MODULE_NOT_FOUND' })
  const failure = await createPostgresStore({ connectionString: 'postgres://localhost:1/none' }).catch(
    (error: unknown) => error,
  )
  expect(failure).toBe(notFound.error)
})
