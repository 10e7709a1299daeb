import type { PlintoHandlersOptions } from '@plinto/testing'
import { usePlintoServer } from '@plinto/test-support'
import { expect } from 'vitest'
import { PlintoClient, isPlintoError, type PlintoError, type PlintoEvents } from '../index'

export { API_URL, PASSWORD } from '@plinto/test-support'

/**
 * The real reference server behind MSW (`usePlintoServer` of @plinto/test-support, shared with the react and
 * ui tests: `onUnhandledRequest: 'error'`) for one test file, with server `config` overrides such as
 * `accessTokenTtl`; reset (store, keys, clock, faults, request log) after every test. `client()` builds SDK
 * clients (memory storage unless `options` say otherwise) that are disposed after every test.
 * `useReferenceServer` (./helpers) adds sign-in shortcuts to it.
 */
export function useBackend(config: PlintoHandlersOptions['config'] = {}) {
  const { plinto: backend, makeClient: client } = usePlintoServer(PlintoClient, { config })
  return { backend, client }
}

/** The PlintoError `promise` rejects with; fails the test if it resolves, rethrows any other rejection. */
export function failure(promise: Promise<unknown>): Promise<PlintoError> {
  return promise.then(
    () => expect.unreachable('should have failed'),
    (error: unknown) => {
      if (!isPlintoError(error)) throw error
      return error
    },
  )
}

/** Collects every event a client emits, by name. */
export function recordEvents(plinto: PlintoClient) {
  const seen: { [E in keyof PlintoEvents]: PlintoEvents[E][] } = {
    signedIn: [],
    signedOut: [],
    tokenRefreshed: [],
    userUpdated: [],
    sessionExpired: [],
    organizationChanged: [],
    error: [],
  }
  for (const name of Object.keys(seen) as (keyof PlintoEvents)[])
    plinto.on(name, (payload) => (seen[name] as unknown[]).push(payload))
  return seen
}

/** The `token` (or `magic_token`) query parameter of an emailed link. */
export function tokenFromLink(link: string | null): string {
  const url = new URL(link ?? '')
  const token = url.searchParams.get('token') ?? url.searchParams.get('magic_token')
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

/**
 * Resolves with the next `event` of `plinto`. The reference server signs tokens with WebCrypto, which
 * completes on real I/O, not on fake timers: tests wait for the outcome they expect instead of for time.
 */
export function nextEvent<E extends keyof PlintoEvents>(plinto: PlintoClient, event: E): Promise<PlintoEvents[E]> {
  return new Promise((resolve) => {
    const off = plinto.on(event, (payload) => {
      off()
      resolve(payload)
    })
  })
}
