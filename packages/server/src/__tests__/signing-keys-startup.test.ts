// K server instances starting at once on one empty store agree on one signing key: each would otherwise list
// the keys, find none and add its own, and tokens signed by one instance would carry a `kid` the others' JWKS
// may not list yet.
import { afterAll, describe, expect, inject, test } from 'vitest'
import { createMemoryStore, type PlintoApp, type PlintoStore, silentLogger } from '../index'
import { createPostgresStore, startServer } from '../node'
import { call, testApp } from './helpers'

const INSTANCES = 5

/** The `kid`s each app publishes, asked of all apps at once (the first request loads or creates the key). */
async function kidsOf(apps: PlintoApp[]): Promise<string[][]> {
  const replies = await Promise.all(apps.map((app) => call(app, 'GET', '/.well-known/jwks.json')))
  return replies.map((reply) => reply.body.keys.map((key: { kid: string }) => key.kid))
}

test(`${INSTANCES} apps on one memory store create one key and all publish it`, async () => {
  const store = createMemoryStore()
  const apps = Array.from({ length: INSTANCES }, () => testApp({ store }))
  const kids = await kidsOf(apps)
  const stored = await store.signingKeys.list()
  expect(stored).toHaveLength(1)
  expect(kids).toEqual(apps.map(() => [stored[0]!.kid]))
})

test(`${INSTANCES} servers started at once on one store have one key before the first request`, async () => {
  const store = createMemoryStore()
  const servers = await Promise.all(
    Array.from({ length: INSTANCES }, () => startServer({ port: 0, mode: 'test', logger: silentLogger, store })),
  )
  try {
    expect(await store.signingKeys.list()).toHaveLength(1)
  } finally {
    await Promise.all(servers.map((server) => server.close()))
  }
})

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('on a real PostgreSQL', () => {
  const stores: PlintoStore[] = []
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()))
  })

  test(`${INSTANCES} instances (a pool each) start at once on one empty schema: one key, published by all`, async () => {
    const schema = `plinto_keys_${Date.now()}`
    stores.push(
      ...(await Promise.all(
        Array.from({ length: INSTANCES }, () =>
          createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger }),
        ),
      )),
    )
    const apps = stores.map((store) => testApp({ store }))
    const kids = await kidsOf(apps)
    const stored = await stores[0]!.signingKeys.list()
    expect(stored).toHaveLength(1)
    expect(kids).toEqual(apps.map(() => [stored[0]!.kid]))
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`)
    } finally {
      await client.end()
    }
  })
})
