import { createPlintoApp, silentLogger, type PlintoAppOptions, type PlintoApp } from '../index'

/** A test-mode app with a silent logger; override anything. */
export function testApp(options: PlintoAppOptions = {}): PlintoApp {
  return createPlintoApp({ mode: 'test', logger: silentLogger, ...options })
}

/** A parsed response: status, headers and JSON body (or null for an empty body). */
// biome-ignore lint/suspicious/noExplicitAny: tests read any JSON body without declaring its type
export interface Reply<T = any> {
  status: number
  headers: Headers
  body: T
}

/** Calls the app like a client would: JSON in, JSON out. Paths are relative to the server root. */
// biome-ignore lint/suspicious/noExplicitAny: tests read any JSON body without declaring its type
export async function call<T = any>(
  app: PlintoApp,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<Reply<T>> {
  const headers = new Headers(options.headers)
  if (options.token) headers.set('authorization', `Bearer ${options.token}`)
  let body: BodyInit | undefined = options.raw
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(options.body)
  }
  const res = await app.request(path, { method, headers, body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
}

export const PASSWORD = 'correct horse battery'

/** Signs up a user through the API and returns the AuthResponse body. */
export async function signUp(
  app: PlintoApp,
  email = 'ada@example.com',
  password = PASSWORD,
  extra: Record<string, unknown> = {},
) {
  const res = await call(app, 'POST', '/api/v1/auth/signup', { body: { email, password, ...extra } })
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as {
    user: { id: string; email: string; email_verified: boolean }
    tokens: { access_token: string; refresh_token: string; expires_in: number }
  }
}

/** Signs in through the API; returns the raw reply. */
export function signIn(
  app: PlintoApp,
  email = 'ada@example.com',
  password = PASSWORD,
  extra: Record<string, unknown> = {},
) {
  return call(app, 'POST', '/api/v1/auth/signin', { body: { email, password, ...extra } })
}

/** The app's OAuth and magic-link return URL that `testApp()` allows. */
export const CALLBACK = 'http://localhost:5173/auth/callback'

/** A fresh PKCE pair (RFC 7636, S256), as a client makes one for each OAuth sign-in. */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = 'v'.repeat(20) + crypto.randomUUID().replace(/-/g, '')
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
  const challenge = btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
  return { verifier, challenge }
}
