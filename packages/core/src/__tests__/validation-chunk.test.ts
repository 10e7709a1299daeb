import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PlintoClient, PlintoConfig } from '../index'
import { EMAIL, sharedStorage } from './helpers'
import { API_URL, PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

// The validation chunk (../validation.lazy: zod and the schemas of the main entry) is downloaded on demand,
// once per page (a module-level memo in ../validation). Each test is a fresh page: fresh modules, the
// chunk's imports counted, and the first one failing when `failFirst` says so, as a browser's does when the
// chunk cannot be downloaded.
const { backend } = useBackend()
const KEY = 'plinto_auth_token'

let imports = 0
let failFirst = false
const clients: PlintoClient[] = []

beforeEach(() => {
  imports = 0
  failFirst = false
})

afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
  vi.doUnmock('../validation.lazy')
})

/** A client of a new page load: the SDK's modules, and so the chunk's memo, fresh. */
async function newPage(options: Partial<PlintoConfig> = {}): Promise<PlintoClient> {
  vi.resetModules()
  // Registered again for each page: vitest keeps a mocked module across resetModules() otherwise.
  vi.doMock('../validation.lazy', async (importOriginal) => {
    if (++imports === 1 && failFirst)
      throw new TypeError('Failed to fetch dynamically imported module: https://app.example.com/validation.lazy-X.js')
    return importOriginal()
  })
  const { PlintoClient } = await import('../index')
  const client = new PlintoClient({ apiUrl: API_URL, tokenStorage: { type: 'memory' }, ...options })
  clients.push(client)
  return client
}

const signIn = (plinto: PlintoClient, password = PASSWORD) => plinto.auth.signIn({ email: EMAIL, password })

describe('the validation chunk', () => {
  it('is not downloaded to start up with nothing stored; the first call downloads it while its request is out, once', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let sent = 0
    const plinto = await newPage({
      tokenStorage: sharedStorage(),
      fetch: async (input, init) => {
        sent++
        await held
        return fetch(input, init)
      },
    })
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(imports).toBe(0)

    const signingIn = signIn(plinto)
    // The request has left and gets no answer yet: the chunk is downloaded meanwhile, not after it.
    await vi.waitFor(() => expect(imports).toBe(1))
    expect(sent).toBe(1)
    expect(backend.countRequests('POST', '/auth/signin')).toBe(0)
    release()
    await expect(signingIn).resolves.toMatchObject({ user: { email: EMAIL } })
    await expect(plinto.auth.getCurrentUser()).resolves.toMatchObject({ email: EMAIL })
    expect(imports).toBe(1)
  })

  it('failing to download rejects a 2xx answer with a retryable NETWORK_ERROR, and the next call downloads it again', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    failFirst = true
    const plinto = await newPage()
    const error = await failure(signIn(plinto))
    expect(error).toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
      // vitest wraps what a mock factory throws: the browser's error is the cause of its error.
      cause: expect.objectContaining({ cause: expect.any(TypeError) }),
    })
    expect(plinto.getSnapshot().status).toBe('signed_out')
    await expect(signIn(plinto)).resolves.toMatchObject({ user: { email: EMAIL } })
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(imports).toBe(2)
  })

  it('failing to download leaves an error answer its own code: it needs no validation', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    failFirst = true
    const plinto = await newPage()
    expect(await failure(signIn(plinto, 'not the password'))).toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(imports).toBe(1)
  })

  it('is downloaded to restore a stored session; a failed download keeps the record, says why, and the next page restores it', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const storage = sharedStorage()
    const first = await newPage({ tokenStorage: storage, session: { autoRefresh: false } })
    await signIn(first)
    first.dispose()
    const record = storage.values.get(KEY)
    expect(record).toContain(EMAIL)

    imports = 0
    failFirst = true
    const second = await newPage({ tokenStorage: storage, session: { autoRefresh: false } })
    const events = recordEvents(second)
    await second.ready()
    expect(imports).toBe(1)
    expect(second.getSnapshot().status).toBe('signed_out')
    expect(events.error).toMatchObject([{ code: 'NETWORK_ERROR', retryable: true }])
    expect(events.signedOut).toEqual([])
    // Not judged, so not discarded.
    expect(storage.values.get(KEY)).toBe(record)
    second.dispose()

    const third = await newPage({ tokenStorage: storage, session: { autoRefresh: false } })
    await third.ready()
    expect(third.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(imports).toBe(2)
  })

  it('restore still discards a record that the chunk finds invalid', async () => {
    const storage = sharedStorage()
    storage.values.set(KEY, JSON.stringify({ v: 1, access_token: 'x', expires_at: 0, user: { id: 1 } }))
    const plinto = await newPage({ tokenStorage: storage })
    await plinto.ready()
    expect(imports).toBe(1)
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(storage.values.has(KEY)).toBe(false)
  })
})
