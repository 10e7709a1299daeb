import { describe, expect, it } from 'vitest'
import { PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'

async function signedInClient() {
  const plinto = client()
  await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  return plinto
}

describe('plinto.sessions', () => {
  it('lists the active sessions, the current one marked, as the docs snippet shows', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = await signedInClient()
    await signedInClient()
    const sessions = await plinto.sessions.listSessions()
    expect(sessions.total).toBe(2)
    expect(sessions.sessions.filter((s) => s.is_current)).toHaveLength(1)
    const current = await plinto.sessions.getCurrentSession()
    expect(current.is_current).toBe(true)
    expect(sessions.sessions.find((s) => s.is_current)?.id).toBe(current.id)
    expect(current.device).toMatchObject({ type: expect.any(String), name: expect.any(String) })
  })

  it('revoking the current session signs this client out once, with reason "user"', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = await signedInClient()
    const events = recordEvents(plinto)
    const { id } = await plinto.sessions.getCurrentSession()
    await plinto.sessions.revokeSession(id)
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(events.signedOut).toEqual([{ reason: 'user' }])
    expect(events.sessionExpired).toHaveLength(0)
    expect(await plinto.auth.getCurrentUser()).toBeNull()
    expect(events.signedOut).toHaveLength(1)
  })

  it('revoking another session keeps this one; the other client is signed out on its next call', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = await signedInClient()
    const other = await signedInClient()
    const otherEvents = recordEvents(other)
    const { sessions } = await plinto.sessions.listSessions()
    const victim = sessions.find((s) => !s.is_current)!
    await plinto.sessions.revokeSession(victim.id)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(await other.auth.getCurrentUser()).toBeNull()
    expect(otherEvents.signedOut).toEqual([{ reason: 'revoked' }])
    expect((await plinto.sessions.listSessions()).total).toBe(1)
  })

  it('revokeAllSessions ends the others and keeps this session', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = await signedInClient()
    const others = [await signedInClient(), await signedInClient()]
    const events = recordEvents(plinto)
    expect(await plinto.sessions.revokeAllSessions()).toEqual({ revoked_count: 2 })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(events.signedOut).toHaveLength(0)
    expect((await plinto.sessions.listSessions()).total).toBe(1)
    for (const other of others) expect(await other.auth.getCurrentUser()).toBeNull()
  })

  it("an unknown or someone else's session is NOT_FOUND; IDs cannot reach another endpoint", async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    await backend.seedUser({ email: 'bob@example.com', password: PASSWORD })
    const plinto = await signedInClient()
    const bob = client()
    await bob.auth.signIn({ email: 'bob@example.com', password: PASSWORD })
    const bobSession = await bob.sessions.getCurrentSession()
    expect((await failure(plinto.sessions.revokeSession(bobSession.id))).code).toBe('NOT_FOUND')
    expect((await failure(plinto.sessions.revokeSession('../users/me'))).code).toBe('NOT_FOUND')
    expect(backend.requests.at(-1)!.url).toContain('/sessions/..%2Fusers%2Fme')
    expect(await bob.auth.getCurrentUser()).not.toBeNull()
    expect(await plinto.auth.getCurrentUser()).not.toBeNull()
  })

  it('signed out, the calls fail with UNAUTHORIZED', async () => {
    const plinto = client()
    await plinto.ready()
    expect((await failure(plinto.sessions.listSessions())).code).toBe('UNAUTHORIZED')
  })
})
