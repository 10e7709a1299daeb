import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { PlintoClient, type PlintoClientOptions } from '@plinto/typescript-sdk'
import { createPlintoHandlers, type PlintoHandlers, type PlintoHandlersOptions } from '@plinto/testing'

export const API = 'http://localhost:8000'
export const PASSWORD = 'correct horse battery'
export const EMAIL = 'ada@example.com'

/**
 * The reference server behind MSW for one test file: unhandled requests fail the test, state is reset
 * after every test, and every client made with `makeClient` is disposed (no timer outlives its test).
 */
export function usePlintoServer(options: Partial<PlintoHandlersOptions> = {}): { plinto: PlintoHandlers; makeClient: (options?: Partial<PlintoClientOptions>) => PlintoClient } {
  const plinto = createPlintoHandlers({ apiUrl: API, ...options })
  const server = setupServer(...plinto.handlers)
  const clients: PlintoClient[] = []
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose()
    plinto.reset()
  })
  afterAll(() => server.close())
  const makeClient = (options: Partial<PlintoClientOptions> = {}) => {
    const client = new PlintoClient({ apiUrl: API, tokenStorage: { type: 'memory' }, ...options })
    clients.push(client)
    return client
  }
  return { plinto, makeClient }
}

/** Seeds Ada and signs `client` in as her. */
export async function signedIn(plinto: PlintoHandlers, client: PlintoClient, seed: { first_name?: string } = {}) {
  await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: seed.first_name ?? 'Ada', last_name: 'Lovelace' })
  await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  return client
}
