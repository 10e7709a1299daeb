import { silentLogger } from '@plinto/server'
import { startServer, type RunningServer } from '@plinto/server/node'
import { SignJWT } from 'jose'
import { NextRequest } from 'next/server'
import { afterAll, beforeAll, expect } from 'vitest'

// The real reference server over HTTP on 127.0.0.1: genuine tokens, its real JWKS and /auth/me, real fetches.

export const PASSWORD = 'correct horse battery staple'

export interface SignedUp {
  user: { id: string; email: string }
  tokens: { access_token: string; refresh_token: string }
}

export interface ReferenceServer {
  readonly server: RunningServer
  /** Signs a new user up through the HTTP API, as an app's front end would. */
  signUp(): Promise<SignedUp>
  /** Signs `claims` with the server's own signing key: a token only its claims can make wrong. */
  signWithServerKey(claims: Record<string, unknown>): Promise<string>
}

/** Starts one reference server for the test file (closed after it). */
export function useReferenceServer(): ReferenceServer {
  let server: RunningServer | undefined
  let signups = 0
  beforeAll(async () => {
    server = await startServer({ port: 0, mode: 'test', logger: silentLogger })
  })
  afterAll(async () => {
    await server?.close()
  })
  const running = () => {
    if (!server) throw new Error('the reference server is not running yet')
    return server
  }
  return {
    get server() {
      return running()
    },
    async signUp() {
      const response = await fetch(`${running().url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `next${++signups}-${Date.now()}@example.com`, password: PASSWORD }),
      })
      expect(response.status).toBe(201)
      return (await response.json()) as SignedUp
    },
    async signWithServerKey(claims) {
      const ring = await running().app.plinto.keys()
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: ring.signingKid, typ: 'at+jwt' })
        .sign(ring.signingKey)
    },
  }
}

/** The claims of a JWT, decoded without verification. */
export const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>

/** A fetch that counts the JWKS downloads it is asked for, then asks the network. */
export function countingFetch(): { fetch: typeof fetch; jwksFetches: () => number } {
  let count = 0
  const fetchImpl: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith('/.well-known/jwks.json')) count++
    return fetch(input, init)
  }
  return { fetch: fetchImpl, jwksFetches: () => count }
}

/** A request to the app at `path`, with the session cookie when a token is given. */
export function appRequest(
  path: string,
  token?: string,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers)
  if (token !== undefined) headers.set('cookie', `plinto_session=${token}`)
  return new NextRequest(new URL(path, 'http://app.test'), { method: init.method ?? 'GET', headers })
}
