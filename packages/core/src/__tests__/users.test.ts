import { describe, expect, it } from 'vitest'
import { PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'

async function signedIn() {
  await backend.seedUser({ email: EMAIL, password: PASSWORD, first_name: 'Ada' })
  const plinto = client()
  await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  return plinto
}

describe('plinto.users', () => {
  it('updateProfile changes the snapshot user and fires userUpdated', async () => {
    const plinto = await signedIn()
    const events = recordEvents(plinto)
    const user = await plinto.users.updateProfile({
      first_name: 'Jane',
      last_name: 'Smith',
      profile_image_url: 'https://example.com/avatar.jpg',
    })
    expect(user).toMatchObject({
      first_name: 'Jane',
      last_name: 'Smith',
      profile_image_url: 'https://example.com/avatar.jpg',
    })
    expect(plinto.getSnapshot().user).toMatchObject({ first_name: 'Jane', last_name: 'Smith' })
    expect(events.userUpdated).toHaveLength(1)
    expect(events.userUpdated[0]!.user.first_name).toBe('Jane')
    // `null` clears a field.
    expect((await plinto.users.updateProfile({ last_name: null })).last_name).toBeNull()
  })

  it('an invalid field is VALIDATION_ERROR with the field named; the snapshot is untouched', async () => {
    const plinto = await signedIn()
    const error = await failure(plinto.users.updateProfile({ profile_image_url: 'javascript:alert(1)' }))
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.fields.map((f) => f.field)).toContain('profile_image_url')
    expect(plinto.getSnapshot().user?.profile_image_url).toBeNull()
  })

  it('deleteAccount with a wrong password is INVALID_CREDENTIALS and keeps the session (no refresh attempted)', async () => {
    const plinto = await signedIn()
    const error = await failure(plinto.users.deleteAccount('not my password'))
    expect(error.code).toBe('INVALID_CREDENTIALS')
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it('deleteAccount signs out locally (reason "user") and the account is gone', async () => {
    const plinto = await signedIn()
    const events = recordEvents(plinto)
    await plinto.users.deleteAccount(PASSWORD)
    expect(backend.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/users/me', body: { password: PASSWORD } })
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(events.signedOut).toEqual([{ reason: 'user' }])
    expect((await failure(plinto.auth.signIn({ email: EMAIL, password: PASSWORD }))).code).toBe('INVALID_CREDENTIALS')
  })
})

describe('magic links', () => {
  const CALLBACK = 'http://localhost:5173/auth/callback'

  it('sendMagicLink → the emailed link → verifyMagicLink signs in', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.sendMagicLink({ email: EMAIL, redirect_url: CALLBACK })
    const link = new URL(backend.lastMessage(EMAIL).link!)
    expect(`${link.origin}${link.pathname}`).toBe(CALLBACK)
    const { user } = await plinto.auth.verifyMagicLink(link.searchParams.get('magic_token')!)
    expect(user.email).toBe(EMAIL)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // Single use.
    expect((await failure(client().auth.verifyMagicLink(link.searchParams.get('magic_token')!))).code).toBe(
      'INVALID_TOKEN',
    )
  })

  it('a redirect_url that is not exactly on the allow-list is refused on the field', async () => {
    const plinto = client()
    const error = await failure(
      plinto.auth.sendMagicLink({ email: EMAIL, redirect_url: 'http://localhost:5173/elsewhere' }),
    )
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.fields.map((f) => f.field)).toEqual(['redirect_url'])
  })
})
