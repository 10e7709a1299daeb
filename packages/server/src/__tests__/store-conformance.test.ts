// One behavioural suite, every store: the memory store (the reference semantics), the embedded store (the
// PostgreSQL store on PGlite in a data directory, as --data-dir runs it), and the PostgreSQL store over PGlite
// in-process and over node-postgres on the wire. The PostgreSQL store also
// runs against a real server when PLINTO_TEST_DATABASE_URL is set (its own schema, emptied per test).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest'
import { createMemoryStore, silentLogger, type PlintoStore } from '../index'
import { createPostgresStore, pgliteClient } from '../node'
import { openEmbeddedDatabase } from '../store/embedded/embedded-store'
import type { SqlClient } from '../store/postgres/sql-client'
import { PGLITE_START_TIMEOUT, servePglite, startPglite, truncatePlintoTables } from './postgres-helpers'
import { accountsConformance } from './store-conformance/accounts'
import { emailCodesConformance } from './store-conformance/email-codes'
import { factorsConformance } from './store-conformance/factors'
import { lookupsConformance } from './store-conformance/lookups'
import { organizationsConformance } from './store-conformance/organizations'
import { rateLimitsConformance } from './store-conformance/rate-limits'
import { outboxConformance } from './store-conformance/outbox'
import { phoneConformance } from './store-conformance/phone'
import { sessionsConformance } from './store-conformance/sessions'
import { sweepConformance } from './store-conformance/sweep'

function conformance(store: () => PlintoStore, { rollsBack = true } = {}) {
  accountsConformance(store)
  sessionsConformance(store)
  organizationsConformance(store)
  factorsConformance(store)
  emailCodesConformance(store)
  phoneConformance(store)
  lookupsConformance(store)
  rateLimitsConformance(store)
  sweepConformance(store)
  outboxConformance(store, { rollsBack })
}

describe('memory store', () => {
  let store: PlintoStore
  beforeEach(() => {
    store = createMemoryStore()
  })
  // The memory and file stores apply each write as it is made (see PlintoStore.transaction).
  conformance(() => store, { rollsBack: false })
})

describe('embedded store', () => {
  let store: PlintoStore
  let client: SqlClient
  let dir: string
  // One database for the suite (creating one costs seconds), emptied before each case.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinto-conformance-'))
    ;({ store, client } = await openEmbeddedDatabase(dir, { logger: silentLogger }))
  }, PGLITE_START_TIMEOUT * 2)
  // Closing checkpoints the database (and fsyncs it): seconds too.
  afterAll(async () => {
    await store?.close()
    await rm(dir, { recursive: true, force: true })
  }, PGLITE_START_TIMEOUT)
  beforeEach(() => truncatePlintoTables(client))
  conformance(() => store)
})

describe('PostgreSQL store', () => {
  let db: PGlite
  beforeAll(async () => {
    db = await startPglite()
  }, PGLITE_START_TIMEOUT)
  afterAll(() => db?.close())

  describe('over PGlite', () => {
    let store: PlintoStore
    beforeAll(async () => {
      store = await createPostgresStore({ client: pgliteClient(db) })
    })
    beforeEach(() => truncatePlintoTables(pgliteClient(db)))
    conformance(() => store)
  })

  // node-postgres returns bigints as strings, arrays and jsonb through its own parsers: the same suite
  // through the production driver, against the same database served on a local port.
  describe('over node-postgres', () => {
    let store: PlintoStore
    let stop: () => Promise<void>
    beforeAll(async () => {
      const served = await servePglite(db)
      stop = served.stop
      store = await createPostgresStore({
        connectionString: served.url,
        schema: 'over_pg',
        pool: { max: 4 },
        logger: silentLogger,
      })
    })
    afterAll(async () => {
      await store?.close()
      await stop?.()
    })
    beforeEach(() => truncatePlintoTables(pgliteClient(db), 'over_pg'))
    conformance(() => store)
  })
})

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('PostgreSQL store on a real PostgreSQL server', () => {
  let store: PlintoStore
  beforeAll(async () => {
    store = await createPostgresStore({
      connectionString: realDatabase!,
      schema: 'plinto_conformance',
      logger: silentLogger,
    })
  })
  afterAll(() => store?.close())
  beforeEach(async () => {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      await truncatePlintoTables(client, 'plinto_conformance')
    } finally {
      await client.end()
    }
  })
  conformance(() => store)
})
