import { setupWorker, type SetupWorker } from 'msw/browser'
import { PlintoClient } from '@plinto/typescript-sdk'
import { createPlintoHandlers, totp, type PlintoHandlers } from '@plinto/testing'
import { API_URL, EMAIL, PASSWORD } from '@plinto/test-support/constants'
import { setStoryWebAuthn } from './virtual-webauthn'

// The API URL the stories' clients use (MSW's service worker answers it with the reference server), Ada and
// the password: the same constants as the vitest suites (the `/constants` entry alone: no vitest, no msw/node).
export { API_URL, EMAIL, PASSWORD }

/**
 * What a story sets up on the mock backend before it renders: seed users, queue faults and delays,
 * choose whether the client starts signed in.
 */
export interface PlintoStoryParameters {
  /** Runs after the reset (and after signing in, with `signedIn`); `client` is the story's client. */
  setup?: (plinto: PlintoHandlers, client: PlintoClient) => void | Promise<void>
  /** Seed Ada Lovelace and sign the story's client in as her. */
  signedIn?: boolean
  /**
   * Passkeys in this story: `virtual` puts @plinto/testing's software authenticator behind
   * `navigator.credentials`; `unavailable` removes WebAuthn (the components explain instead). Default:
   * the browser's own.
   */
  webauthn?: 'virtual' | 'unavailable'
}

let plinto: PlintoHandlers | undefined
let worker: SetupWorker | undefined
let current: PlintoClient | undefined

// One worker for the whole Storybook session; the server state is reset before every story.
async function backend(): Promise<PlintoHandlers> {
  if (!plinto) {
    // Email codes on: the components offer them only when a story passes `emailCode`.
    plinto = createPlintoHandlers({ apiUrl: API_URL, mode: 'test', config: { emailCodes: true } })
    worker = setupWorker(...plinto.handlers)
    await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: './mockServiceWorker.js' } })
  }
  return plinto
}

/**
 * Storybook loader: a fresh reference server, the story's setup, and a fresh client (memory storage, so
 * stories never share a session) for the story to render with.
 */
export async function loadPlinto(
  parameters: PlintoStoryParameters | undefined,
): Promise<{ client: PlintoClient; plinto: PlintoHandlers }> {
  const handlers = await backend()
  current?.dispose()
  handlers.reset()
  setStoryWebAuthn(parameters?.webauthn)
  // A long request timeout lets the Loading stories hold a request (faults.delay) without the SDK's 10 s
  // timeout turning them into a timeout error.
  const client = new PlintoClient({ apiUrl: API_URL, tokenStorage: { type: 'memory' }, timeout: 3_600_000 })
  current = client
  if (parameters?.signedIn) {
    await handlers.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' })
    await client.auth.signIn({ email: EMAIL, password: PASSWORD })
  }
  await parameters?.setup?.(handlers, client)
  await client.ready()
  return { client, plinto: handlers }
}

/**
 * Story parameters for the mock backend, typed (Storybook's own `parameters` are untyped).
 *
 * @example
 * ```ts
 * export const RateLimited: Story = { parameters: mock({ setup: (plinto) => plinto.faults.respond({ … }) }) }
 * ```
 */
export function mock(parameters: PlintoStoryParameters): { plinto: PlintoStoryParameters } {
  return { plinto: parameters }
}

/**
 * Seeds Ada Lovelace with TOTP turned on, through the reference server's own MFA endpoints, and moves
 * server time to the next TOTP step (a code is accepted once, and set-up used the current one).
 */
export async function seedAdaWithTotp(plinto: PlintoHandlers): Promise<{ secret: string; backupCodes: string[] }> {
  await plinto.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' })
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await plinto.app.request(`/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return response.json()
  }
  const { tokens } = (await call('/auth/signin', { email: EMAIL, password: PASSWORD })) as {
    tokens: { access_token: string }
  }
  const { secret, backup_codes } = (await call('/mfa/totp/enable', {}, tokens.access_token)) as {
    secret: string
    backup_codes: string[]
  }
  await call('/mfa/totp/verify', { code: await totp(secret, plinto.clock.now()) }, tokens.access_token)
  plinto.clock.advance(60_000)
  return { secret, backupCodes: backup_codes }
}

/** A 6-digit code that is valid in none of the time steps the server accepts (now ± 30 s). */
export async function wrongTotp(plinto: PlintoHandlers, secret: string): Promise<string> {
  const now = plinto.clock.now()
  const valid = new Set(await Promise.all([now - 30_000, now, now + 30_000].map((at) => totp(secret, at))))
  let candidate = 0
  while (valid.has(String(candidate).padStart(6, '0'))) candidate++
  return String(candidate).padStart(6, '0')
}
