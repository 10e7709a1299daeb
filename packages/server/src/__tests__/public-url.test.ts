// `publicUrl` (`--public-url`, PLINTO_PUBLIC_URL): behind a TLS-terminating proxy the server sees requests for
// http://127.0.0.1:8000 while browsers and OAuth providers know it as https://auth.example.com. The URLs it
// hands out for itself (the OAuth callback registered at providers, the dev consent page) and the refresh
// cookie's path follow the public address, not the request's.
import { describe, expect, test } from 'vitest'
import { CALLBACK, call, PASSWORD, testApp } from './helpers'
import { run } from './bin-runner'

const PKCE = { redirect_uri: CALLBACK, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' }
const GITHUB = { github: { clientId: 'id', clientSecret: 'secret' } }

/** What the proxy forwards: the server's own hop, plain HTTP. */
const BEHIND_PROXY = 'http://127.0.0.1:8000'

async function authorize(app: ReturnType<typeof testApp>, provider: string) {
  const res = await call(app, 'POST', `${BEHIND_PROXY}/api/v1/oauth/${provider}/authorize`, { body: PKCE })
  expect(res.status).toBe(200)
  return new URL(res.body.authorization_url)
}

describe('OAuth URLs', () => {
  test('without publicUrl they follow the request origin (as before)', async () => {
    const app = testApp({ config: { oauth: GITHUB } })
    expect((await authorize(app, 'dev')).origin).toBe(BEHIND_PROXY)
    expect((await authorize(app, 'github')).searchParams.get('redirect_uri')).toBe(
      `${BEHIND_PROXY}/api/v1/oauth/github/callback`,
    )
  })

  test('with publicUrl the provider callback and the dev consent page use the public address', async () => {
    const app = testApp({ config: { oauth: GITHUB, publicUrl: 'https://auth.example.com/' } })
    expect((await authorize(app, 'github')).searchParams.get('redirect_uri')).toBe(
      'https://auth.example.com/api/v1/oauth/github/callback',
    )
    const consent = await authorize(app, 'dev')
    expect(`${consent.origin}${consent.pathname}`).toBe('https://auth.example.com/api/v1/oauth/dev/consent')
    // The proxy forwards the public path unchanged: the consent page and its callback work from there.
    const page = await app.request(`${BEHIND_PROXY}${consent.pathname}${consent.search}`)
    expect(page.status).toBe(200)
  })

  test('a path prefix of publicUrl (the proxy mounts the server under /auth) is kept', async () => {
    const app = testApp({ config: { oauth: GITHUB, publicUrl: 'https://example.com/auth' } })
    expect((await authorize(app, 'github')).searchParams.get('redirect_uri')).toBe(
      'https://example.com/auth/api/v1/oauth/github/callback',
    )
  })

  test('a publicUrl that is not an http(s) base URL is refused at start', () => {
    for (const publicUrl of ['auth.example.com', 'ftp://auth.example.com', 'https://auth.example.com/?x=1'])
      expect(() => testApp({ config: { publicUrl } }), publicUrl).toThrow(TypeError)
  })
})

test('the refresh cookie is scoped to the API path the browser sees, prefix included', async () => {
  const app = testApp({ config: { publicUrl: 'https://example.com/auth' } })
  const res = await call(app, 'POST', '/api/v1/auth/signup', {
    body: { email: 'ada@example.com', password: PASSWORD },
    headers: { 'x-plinto-token-transport': 'cookie' },
  })
  expect(res.status).toBe(201)
  expect(res.headers.get('set-cookie')).toMatch(/; Path=\/auth\/api\/v1\/auth(;|$)/)
})

/**
 * The origin of the dev provider's authorization URL that a `plinto-server` started with `args` and `env` hands out.
 */
async function consentOriginFromBin(args: string[], env: Record<string, string>): Promise<string> {
  const bin = run(['--port', '0', '--memory', ...args], { PLINTO_MODE: 'test', ...env })
  try {
    const [, url] = await bin.waitFor(/listening on (http:\/\/\S+)\n/)
    const res = await fetch(`${url}/api/v1/oauth/dev/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PKCE),
    })
    return new URL((await res.json()).authorization_url).origin
  } finally {
    bin.child.kill('SIGTERM')
    await bin.exited
  }
}

test('plinto-server takes --public-url and PLINTO_PUBLIC_URL (the flag wins)', async () => {
  expect(await consentOriginFromBin([], { PLINTO_PUBLIC_URL: 'https://env.example.com' })).toBe(
    'https://env.example.com',
  )
  expect(
    await consentOriginFromBin(['--public-url', 'https://flag.example.com'], {
      PLINTO_PUBLIC_URL: 'https://env.example.com',
    }),
  ).toBe('https://flag.example.com')
  const bad = run(['--port', '0', '--memory', '--public-url', 'not a url'], { PLINTO_MODE: 'test' })
  expect(await bad.exited).toBe(2)
  expect(bad.output().stderr).toContain('--public-url must be an http(s) URL')
})
