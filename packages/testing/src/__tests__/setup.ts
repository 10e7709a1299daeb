import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createPlintoHandlers } from '../index'

export const API = 'http://localhost:8000'
export const BASE = `${API}/api/v1`
export const PASSWORD = 'correct horse battery'

/** One handler set and MSW server per test file, reset after every test, unhandled requests are errors. */
export function usePlinto(options: Partial<Parameters<typeof createPlintoHandlers>[0]> = {}) {
  const plinto = createPlintoHandlers({ apiUrl: API, ...options })
  const server = setupServer(...plinto.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => plinto.reset())
  afterAll(() => server.close())
  return plinto
}

/** POSTs JSON to the mocked API. */
export function post(path: string, body?: unknown, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (body !== undefined) headers.set('content-type', 'application/json')
  return fetch(`${BASE}${path}`, {
    ...init,
    method: 'POST',
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
}
