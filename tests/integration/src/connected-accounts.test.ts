import { PlintoClient } from '@plinto/typescript-sdk'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startReferenceServer } from './reference-server'

// Connected accounts over real HTTP: the SDK against the reference server on a port, the dev provider's consent
// page played as a browser would (form post, redirects followed by hand).
let server: Awaited<ReturnType<typeof startReferenceServer>>
beforeAll(async () => {
  server = await startReferenceServer()
})
afterAll(async () => {
  await server.close()
})

const REDIRECT_URI = 'http://localhost:5173/auth/callback'

async function consent(authorizationUrl: string, email: string): Promise<string> {
  const html = await (await fetch(authorizationUrl)).text()
  const state = /name="state" value="([^"]+)"/.exec(html)![1]!
  const action = new URL(/action="([^"]+)"/.exec(html)![1]!, authorizationUrl)
  const form = new URLSearchParams({ state, email, first_name: '', last_name: '', decision: 'approve' })
  let response = await fetch(action, { method: 'POST', body: form, redirect: 'manual' })
  let location = new URL(response.headers.get('location')!, action)
  while (location.origin === new URL(server.url).origin) {
    response = await fetch(location, { redirect: 'manual' })
    location = new URL(response.headers.get('location')!, location)
  }
  return location.href
}

test('sign up with a provider, link a second one, unlink down to one: the last is refused', async () => {
  const plinto = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
  const start = await plinto.auth.initiateOAuth('dev', { redirectUri: REDIRECT_URI, navigate: false })
  await plinto.auth.handleOAuthCallback(await consent(start.url, 'lin@example.com'))

  const link = await plinto.auth.linkOAuthProvider('dev', { redirectUri: REDIRECT_URI, navigate: false })
  const linked = await plinto.auth.handleOAuthLinkCallback(await consent(link.url, 'lin.work@example.com'))
  expect(linked?.error).toBeNull()
  const ids = linked!.methods!.identities.map((identity) => identity.id)
  expect(ids).toHaveLength(2)

  // Both at once: exactly one goes.
  const outcomes = await Promise.allSettled(ids.map((id) => plinto.users.unlinkIdentity(id)))
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  const refused = outcomes.find((o) => o.status === 'rejected')
  expect(refused?.status === 'rejected' && refused.reason.code).toBe('LAST_SIGN_IN_METHOD')
  expect((await plinto.users.listIdentities()).identities).toHaveLength(1)
  plinto.dispose()
})
