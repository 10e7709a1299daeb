import { afterEach, describe, expect, it, vi } from 'vitest'
import { PlintoClient, type PlintoError, isPlintoError } from '../index'

const clients: PlintoClient[] = []
const make = (options: ConstructorParameters<typeof PlintoClient>[0]) => {
  const client = new PlintoClient(options)
  clients.push(client)
  return client
}
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
  vi.unstubAllGlobals()
})

function configError(build: () => unknown): PlintoError {
  try {
    build()
  } catch (error) {
    if (isPlintoError(error)) return error
    throw error
  }
  throw new Error('expected a CONFIG_ERROR')
}

describe('configuration', () => {
  it('accepts the public docs snippet with clientId and clientSecret', () => {
    const plinto = make({
      apiUrl: 'http://localhost:8000',
      clientId: 'your_client_id',
      clientSecret: 'your_client_secret',
    })
    expect(plinto.config.baseUrl).toBe('http://localhost:8000/api/v1/')
  })

  it('accepts the integration notes configuration as written', () => {
    const plinto = make({
      apiUrl: 'http://localhost:8000',
      apiBasePath: '/api/v1',
      debug: true,
      tokenStorage: { type: 'localStorage', key: 'plinto_auth_token' },
      session: { autoRefresh: true, refreshThreshold: 300 },
      credentials: 'include',
    })
    expect(plinto.config).toMatchObject({
      autoRefresh: true,
      refreshThreshold: 300,
      credentials: 'include',
      debug: true,
    })
    expect(plinto.config.storage).toEqual({ type: 'localStorage', key: 'plinto_auth_token' })
  })

  it('fills in defaults', () => {
    const { config } = make({ apiUrl: 'https://api.example.com/' })
    expect(config).toMatchObject({
      apiUrl: 'https://api.example.com',
      apiBasePath: '/api/v1',
      autoRefresh: true,
      refreshThreshold: 300,
      timeout: 10_000,
      debug: false,
    })
    // Node has no localStorage: the default is memory.
    expect(config.storage).toEqual({ type: 'memory', key: 'plinto_auth_token' })
  })

  it('defaults to localStorage where the runtime has one', () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem() {}, removeItem() {} })
    expect(make({ apiUrl: 'https://api.example.com' }).config.storage.type).toBe('localStorage')
  })

  it('requires apiUrl', () => {
    const error = configError(() => new PlintoClient({} as never))
    expect(error.code).toBe('CONFIG_ERROR')
    expect(error.message).toContain('apiUrl')
    expect(configError(() => new PlintoClient({ apiUrl: 'not a url' })).message).toContain('apiUrl')
    expect(configError(() => new PlintoClient({ apiUrl: 'ftp://example.com' })).message).toContain('apiUrl')
  })

  it('refuses plain http to non-loopback hosts unless enforceHttps is off', () => {
    expect(configError(() => new PlintoClient({ apiUrl: 'http://api.example.com' })).message).toContain('https')
    for (const apiUrl of [
      'http://localhost:8000',
      'http://127.0.0.1:3000',
      'http://[::1]:8000',
      'http://app.localhost',
    ]) {
      expect(() => make({ apiUrl })).not.toThrow()
    }
    expect(() => make({ apiUrl: 'http://api.internal', enforceHttps: false })).not.toThrow()
  })

  it.each([
    [{ apiBasePath: 'api' }, 'apiBasePath'],
    [{ tokenStorage: { type: 'indexeddb' } }, 'tokenStorage.type'],
    [{ tokenStorage: { type: 'memory', key: '' } }, 'tokenStorage.key'],
    [{ tokenStorage: 'localStorage' }, 'tokenStorage'],
    [{ session: { refreshThreshold: -1 } }, 'session.refreshThreshold'],
    [{ session: { autoRefresh: 'yes' } }, 'session.autoRefresh'],
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: Number.POSITIVE_INFINITY }, 'timeout'],
    [{ credentials: 'always' }, 'credentials'],
    [{ fetch: 'fetch' }, 'fetch'],
    [{ debug: 1 }, 'debug'],
    [{ enforceHttps: 'no' }, 'enforceHttps'],
    [{ tokenStorage: { type: 'cookie' }, credentials: 'omit' }, 'credentials'],
    [{ tabSync: 'on' }, 'tabSync'],
  ])('rejects %j naming `%s`', (options, option) => {
    const error = configError(() => new PlintoClient({ apiUrl: 'https://api.example.com', ...(options as object) }))
    expect(error.code).toBe('CONFIG_ERROR')
    expect(error.message).toContain(`\`${option}\``)
  })

  it('accepts a custom storage adapter', () => {
    const adapter = { getItem: () => null, setItem: async () => {}, removeItem: async () => {} }
    expect(make({ apiUrl: 'https://api.example.com', tokenStorage: adapter }).config.storage.type).toBe('custom')
  })

  it('forces credentials "include" in cookie mode', () => {
    expect(make({ apiUrl: 'https://api.example.com', tokenStorage: { type: 'cookie' } }).config.credentials).toBe(
      'include',
    )
  })
})

describe('custom adapter key', () => {
  it('uses the adapter\u2019s `storageKey`, and refuses an empty one', () => {
    const adapter = { storageKey: 'app_session', getItem: () => null, setItem() {}, removeItem() {} }
    expect(make({ apiUrl: 'https://api.example.com', tokenStorage: adapter }).config.storage.key).toBe('app_session')
    expect(
      configError(
        () => new PlintoClient({ apiUrl: 'https://api.example.com', tokenStorage: { ...adapter, storageKey: '' } }),
      ).message,
    ).toContain('`tokenStorage.storageKey`')
  })

  it('accepts a Web Storage object as an adapter as it is', () => {
    const values = new Map<string, string>()
    const webStorage = {
      length: 0,
      clear() {},
      key: () => null,
      getItem: (k: string) => values.get(k) ?? null,
      setItem: (k: string, v: string) => void values.set(k, v),
      removeItem: (k: string) => void values.delete(k),
    }
    expect(
      make({ apiUrl: 'https://api.example.com', tokenStorage: webStorage as Storage }).config.storage,
    ).toMatchObject({ type: 'custom', key: 'plinto_auth_token' })
  })
})
