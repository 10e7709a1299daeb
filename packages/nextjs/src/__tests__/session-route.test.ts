import { describe, expect, it } from 'vitest'
import { sessionRoute } from '../server/session-route'
import { NextRequest } from 'next/server'
import { claimsOf, useReferenceServer } from './reference-server'

const reference = useReferenceServer()
const ORIGIN = 'http://app.test'

const route = () => sessionRoute({ apiUrl: reference.server.url })

/** A POST of `body` to the session route, from a page of the app unless `from` says otherwise. */
async function send(body: string, from: { origin?: string; site?: string; contentType?: string } = {}) {
  const request = new NextRequest(`${ORIGIN}/api/session`, {
    method: 'POST',
    headers: {
      host: 'app.test',
      origin: from.origin ?? ORIGIN,
      'content-type': from.contentType ?? 'application/json',
      ...(from.site ? { 'sec-fetch-site': from.site } : {}),
    },
    body,
  })
  return route().POST(request)
}

const tokenBody = (token: string) => JSON.stringify({ access_token: token })

describe('the session route', () => {
  it('turns a genuine token into an HttpOnly, SameSite=Lax cookie that expires with the token', async () => {
    const { tokens } = await reference.signUp()
    const response = await send(tokenBody(tokens.access_token), { site: 'same-origin' })
    expect(response.status).toBe(204)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(new RegExp(`^plinto_session=${tokens.access_token}; Path=/; Expires=`))
    expect(cookie).toMatch(/; HttpOnly; SameSite=lax$/i)
    expect(cookie).not.toMatch(/Secure/)
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1])
    const exp = claimsOf(tokens.access_token).exp as number
    expect(maxAge).toBeGreaterThan(0)
    expect(maxAge).toBeLessThanOrEqual(exp - Math.floor(Date.now() / 1000) + 1)
  })

  it('refuses a cross-site POST of a genuine token (login CSRF), and sets no cookie', async () => {
    const { tokens } = await reference.signUp()
    for (const from of [
      { origin: 'http://evil.example' },
      { origin: ORIGIN, site: 'cross-site' },
      { origin: ORIGIN, site: 'same-site' },
      { origin: 'null' },
    ]) {
      const response = await send(tokenBody(tokens.access_token), from)
      expect(response.status, JSON.stringify(from)).toBe(403)
      expect(await response.json()).toMatchObject({ error_code: 'FORBIDDEN' })
      expect(response.headers.get('set-cookie')).toBeNull()
    }
    // A form post (no JSON) from a page of the app is refused too: forms cannot send JSON.
    const form = await send(`access_token=${tokens.access_token}`, { contentType: 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
  })

  it('refuses forged, signed-out and malformed tokens, and oversized bodies, with typed errors', async () => {
    const { tokens } = await reference.signUp()
    const [header, , signature] = tokens.access_token.split('.')
    const payload = Buffer.from(JSON.stringify({ ...claimsOf(tokens.access_token), sub: 'usr_x' })).toString(
      'base64url',
    )
    const forged = await send(tokenBody(`${header}.${payload}.${signature}`))
    expect(forged.status).toBe(401)
    expect(forged.headers.get('set-cookie')).toBeNull()

    const malformed = await send('{"access_token":')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' })
    const oversized = await send(tokenBody('x'.repeat(20_000)))
    expect(oversized.status).toBe(413)
    expect(await oversized.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' })

    // Signed out on the server: the token still verifies (stateless), but its session is gone.
    const other = await reference.signUp()
    const signOut = await fetch(`${reference.server.url}/api/v1/auth/signout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: other.tokens.refresh_token }),
    })
    expect(signOut.ok).toBe(true)
    const ended = await send(tokenBody(other.tokens.access_token))
    expect(ended.status).toBe(401)
    expect(ended.headers.get('set-cookie')).toBeNull()
  })

  it('DELETE removes the cookie, from a page of the app only', async () => {
    const remove = (origin: string) =>
      route().DELETE(
        new NextRequest(`${ORIGIN}/api/session`, { method: 'DELETE', headers: { host: 'app.test', origin } }),
      )
    const crossSite = await remove('http://evil.example')
    expect(crossSite.status).toBe(403)
    expect(crossSite.headers.get('set-cookie')).toBeNull()
    const own = await remove(ORIGIN)
    expect(own.status).toBe(204)
    expect(own.headers.get('set-cookie')).toMatch(/^plinto_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=lax$/i)
  })
})
