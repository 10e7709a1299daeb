import { createPlintoHandlers, type PlintoHandlers, type PlintoHandlersOptions } from '@plinto/testing'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { API_URL } from './constants'

/** What the helper needs of an SDK client: built from options, and a `dispose()` that stops its timers. */
type ClientClass<Client, Options> = new (options: Options) => Client

export interface PlintoServer<Client, Options> {
  /** The handlers: seed users, read the outbox, move the server clock, inject faults, count requests. */
  plinto: PlintoHandlers
  /** A client on {@link API_URL} with memory storage (unless `options` say otherwise), disposed after the test. */
  makeClient: (options?: Partial<Options>) => Client
}

/**
 * The reference server behind MSW for one test file: `@plinto/testing`'s handlers on {@link API_URL},
 * unhandled requests fail the test, the server is reset (store, keys, clock, faults, request log) after
 * every test, and every client made with `makeClient` is disposed first, so no timer outlives its test.
 *
 * The SDK's client class is passed in rather than imported: core's own tests use it, and a dependency of
 * this package on `@plinto/typescript-sdk` would be a workspace cycle (core → test-support → core).
 */
export function usePlintoServer<Client extends { dispose(): void }, Options extends { apiUrl: string }>(
  Client: ClientClass<Client, Options>,
  options: Partial<PlintoHandlersOptions> = {},
): PlintoServer<Client, Options> {
  const plinto = createPlintoHandlers({ apiUrl: API_URL, ...options })
  const server = setupServer(...plinto.handlers)
  const clients: Client[] = []
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    for (const client of clients.splice(0)) client.dispose()
    plinto.reset()
  })
  afterAll(() => server.close())
  const makeClient = (clientOptions: Partial<Options> = {}) => {
    const client = new Client({
      apiUrl: API_URL,
      tokenStorage: { type: 'memory' },
      ...clientOptions,
    } as unknown as Options)
    clients.push(client)
    return client
  }
  return { plinto, makeClient }
}
