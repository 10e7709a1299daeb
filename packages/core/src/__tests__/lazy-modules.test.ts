import { afterEach, describe, expect, it, vi } from 'vitest'
import { lazyMethods, loadOnce } from '../modules/lazy'
import { PASSWORD, failure, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'

/** What a browser throws when a chunk cannot be downloaded. */
const chunkDownloadError = () =>
  new TypeError('Failed to fetch dynamically imported module: https://app.example.com/management-X.js')

describe('loadOnce', () => {
  it('runs the loader once for concurrent callers and keeps the result', async () => {
    const loader = vi.fn(async () => ({ answer: 42 }))
    const load = loadOnce(loader)
    const results = await Promise.all([load(), load(), load()])
    expect(loader).toHaveBeenCalledTimes(1)
    expect(results.every((result) => result === results[0])).toBe(true)
    await load()
    expect(loader).toHaveBeenCalledTimes(1)
  })

  it('turns a failed load into a retryable NETWORK_ERROR for every waiting caller, and tries again on the next call', async () => {
    const cause = chunkDownloadError()
    const loader = vi.fn<() => Promise<string>>().mockRejectedValueOnce(cause).mockResolvedValue('loaded')
    const load = loadOnce(loader)
    const [first, second] = await Promise.all([failure(load()), failure(load())])
    expect(loader).toHaveBeenCalledTimes(1)
    expect(first).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, cause })
    expect(second).toBe(first)
    await expect(load()).resolves.toBe('loaded')
    expect(loader).toHaveBeenCalledTimes(2)
  })
})

describe('lazyMethods', () => {
  it('is a plain object with the listed methods, which load on the first call and forward arguments', async () => {
    const module = {
      greet: async (name: string, punctuation: string) => `hello ${name}${punctuation}`,
      shout: async () => 'HEY',
    }
    const loader = vi.fn(async () => module)
    const facade = lazyMethods(loadOnce(loader), { greet: true, shout: true })
    expect(Object.keys(facade)).toEqual(['greet', 'shout'])
    expect(loader).not.toHaveBeenCalled()
    expect('then' in facade).toBe(false)
    await expect(Promise.all([facade.greet('Ada', '!'), facade.shout()])).resolves.toEqual(['hello Ada!', 'HEY'])
    expect(loader).toHaveBeenCalledTimes(1)
  })
})

describe('the management chunk behind plinto.users, .sessions, .organizations, .mfa, .passkeys', () => {
  afterEach(() => {
    vi.doUnmock('../modules/management.lazy')
  })

  async function signedIn() {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    return plinto
  }

  it('is not loaded by start-up or sign-in, then loaded once for concurrent first calls of several modules', async () => {
    let imports = 0
    vi.doMock('../modules/management.lazy', async (importOriginal) => {
      imports++
      return importOriginal()
    })
    const plinto = await signedIn()
    await plinto.auth.getCurrentUser()
    await plinto.organizations.setActive(null)
    expect(imports).toBe(0)
    const [organization, sessions, status, passkeys] = await Promise.all([
      plinto.organizations.createOrganization({ name: 'Acme Corp', slug: 'acme-corp' }),
      plinto.sessions.listSessions(),
      plinto.mfa.getStatus(),
      plinto.passkeys.listPasskeys(),
    ])
    expect(imports).toBe(1)
    expect(organization.slug).toBe('acme-corp')
    expect(sessions.sessions).toHaveLength(1)
    expect(status.enabled).toBe(false)
    expect(passkeys.passkeys).toEqual([])
    await expect(plinto.users.updateProfile({ first_name: 'Ada' })).resolves.toMatchObject({ first_name: 'Ada' })
    expect(imports).toBe(1)
  })

  it('rejects with a retryable NETWORK_ERROR when the chunk cannot be downloaded, without sending the call; the next call loads it', async () => {
    let imports = 0
    vi.doMock('../modules/management.lazy', async (importOriginal) => {
      if (++imports === 1) throw chunkDownloadError()
      return importOriginal()
    })
    const plinto = await signedIn()
    const error = await failure(plinto.organizations.listOrganizations())
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true })
    expect(backend.countRequests('GET', '/organizations')).toBe(0)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    await expect(plinto.organizations.listOrganizations()).resolves.toMatchObject({ organizations: [] })
    expect(imports).toBe(2)
  })
})

describe('the oauth-flow chunk behind auth.initiateOAuth and auth.handleOAuthCallback', () => {
  afterEach(() => {
    vi.doUnmock('../modules/oauth-flow.lazy')
  })

  it('rejects with a retryable NETWORK_ERROR when the chunk cannot be downloaded, without sending the call; the next call loads it', async () => {
    let imports = 0
    vi.doMock('../modules/oauth-flow.lazy', async (importOriginal) => {
      if (++imports === 1) throw chunkDownloadError()
      return importOriginal()
    })
    const plinto = client()
    const redirectUri = 'http://localhost:5173/auth/callback'
    const error = await failure(plinto.auth.initiateOAuth('dev', { redirectUri, navigate: false }))
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true })
    expect(backend.requests.filter((r) => r.path.startsWith('/oauth/'))).toEqual([])
    // Not remembered: the next call downloads the chunk again and goes through.
    const { url } = await plinto.auth.initiateOAuth('dev', { redirectUri, navigate: false })
    expect(new URL(url).protocol).toMatch(/^https?:$/)
    expect(backend.requests.filter((r) => r.path === '/oauth/dev/authorize')).toHaveLength(1)
    expect(imports).toBe(2)
  })
})
