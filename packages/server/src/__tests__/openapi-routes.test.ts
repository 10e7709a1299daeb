import { describe, expect, it } from 'vitest'
import { call, testApp } from './helpers'
import { conformance } from './support/openapi-conformance'

describe('GET /openapi.json', () => {
  it('serves the contract for this server’s base path and mode', async () => {
    const res = await call(testApp({ config: { apiBasePath: '/v2' } }), 'GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.body.openapi).toBe('3.1.0')
    expect(Object.keys(res.body.paths)).toContain('/v2/auth/signin')
    expect(Object.keys(res.body.paths)).toContain('/__dev/outbox')
  })

  it('leaves out the development endpoints in production mode', async () => {
    const app = testApp({ mode: 'production', config: { passwordHashIterations: 1000 } })
    const res = await call(app, 'GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.paths).some((path) => path.includes('__dev') || path.includes('/oauth/dev/'))).toBe(
      false,
    )
  })
})

describe.each([
  ['/docs', '/docs/api-reference.js'],
  ['/redoc', '/redoc/redoc.standalone.js'],
])('GET %s', (page, script) => {
  it('is an HTML page that loads its viewer from this server, cannot be framed and allows no other origin', async () => {
    const app = testApp()
    const res = await app.request(page)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain(`src=".${script}"`)
    expect(html).toContain('./openapi.json')
    expect(html).not.toMatch(/https?:\/\//)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("connect-src 'self'")
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    // Every script on the page is either this server's or carries the nonce.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('serves the viewer’s script from its installed package', async () => {
    const res = await testApp().request(script)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect((await res.text()).length).toBeGreaterThan(100_000)
  })
})

describe('the response check of this suite', () => {
  it('reports a response the document does not describe', async () => {
    const app = testApp()
    app.get('/api/v1/not-in-the-contract', (c) => c.json({ ok: true }))
    app.get('/api/v1/auth/me-too', (c) => c.json({ ok: true }, 404))
    await app.request('/api/v1/not-in-the-contract')
    await app.request('/api/v1/auth/me-too')
    const reported = conformance.violations.splice(0)
    expect(reported).toHaveLength(2)
    expect(reported[0]).toContain('is not in the document, so it must answer 404')
    expect(reported[1]).toContain('body does not match the schema')
  })
})
