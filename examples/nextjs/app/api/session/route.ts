import { NextResponse, type NextRequest } from 'next/server'
import { readSession } from '../../../lib/read-session'
import { isSameOrigin } from '../../../lib/same-origin'
import { SESSION_COOKIE, sessionCookieOptions } from '../../../lib/session-cookie'

const NO_STORE = { 'cache-control': 'no-store' }
const MAX_BODY_BYTES = 16 * 1024

const refuse = (status: number, error_code: string, detail: string) =>
  NextResponse.json({ error_code, detail }, { status, headers: NO_STORE })

/** HTTPS directly, or behind a proxy that terminated it: then the cookie is `Secure`. */
const isHttps = (request: NextRequest) =>
  request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'

/**
 * `POST /api/session` `{ access_token }`: the browser hands over its current access token. It is verified
 * (signature, issuer, audience, expiry, and a live session on the Plinto server) before it becomes the
 * `plinto_session` cookie, which expires with the token. The body is never trusted as it is.
 */
export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return refuse(403, 'FORBIDDEN', 'Cross-site requests are not accepted')
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight, which this route never allows.
  if (!request.headers.get('content-type')?.startsWith('application/json')) {
    return refuse(415, 'VALIDATION_ERROR', 'Send { "access_token": "…" } as application/json')
  }
  // An access token is a few hundred bytes: refuse anything large before reading it.
  const text = Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES ? null : await request.text()
  if (text === null || text.length > MAX_BODY_BYTES)
    return refuse(413, 'PAYLOAD_TOO_LARGE', `The body is over ${MAX_BODY_BYTES} bytes`)
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {
    // answered below as a missing access_token
  }
  const token = typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : undefined
  if (typeof token !== 'string' || token === '') return refuse(400, 'VALIDATION_ERROR', 'access_token is required')

  const session = await readSession(token)
  const maxAge = session ? session.claims.exp - Math.floor(Date.now() / 1000) : 0
  if (!session || maxAge <= 0) return refuse(401, 'UNAUTHORIZED', 'The access token is not valid')

  const response = new NextResponse(null, { status: 204, headers: NO_STORE })
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(isHttps(request), maxAge))
  return response
}

/** `DELETE /api/session`: the browser signed out; the server forgets the user. */
export async function DELETE(request: NextRequest) {
  if (!isSameOrigin(request)) return refuse(403, 'FORBIDDEN', 'Cross-site requests are not accepted')
  const response = new NextResponse(null, { status: 204, headers: NO_STORE })
  response.cookies.set(SESSION_COOKIE, '', sessionCookieOptions(isHttps(request), 0))
  return response
}
