import { describe, expect, test } from 'vitest'
import { BASE, PASSWORD, post, usePlinto } from './setup'

const plinto = usePlinto()

describe('seedUser', () => {
  test('creates a verified user who can sign in through the mocked API', async () => {
    const user = await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD, first_name: 'Ada' })
    expect(user).toMatchObject({ email: 'ada@example.com', email_verified: true, first_name: 'Ada' })
    expect(user.id).toMatch(/^usr_/)

    const res = await post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.user.id).toBe(user.id)
    expect(body.tokens.refresh_token).toEqual(expect.any(String))
  })

  test('can seed an unverified user', async () => {
    const user = await plinto.seedUser({ email: 'bob@example.com', password: PASSWORD, email_verified: false })
    expect(user.email_verified).toBe(false)
  })

  test('applies the password policy, so seeded data is data the server could have produced', async () => {
    await expect(plinto.seedUser({ email: 'eve@example.com', password: 'short' })).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
    })
  })
})

describe('outbox', () => {
  test('holds the verification email of a sign-up, with a followable link', async () => {
    await post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })
    const message = plinto.lastMessage('ada@example.com')
    expect(message).toMatchObject({ channel: 'email', to: 'ada@example.com', subject: 'Verify your email address' })
    const token = new URL(message.link ?? '').searchParams.get('token')
    const verify = await post('/auth/email/verify', { token })
    expect(verify.status).toBe(200)
    expect(plinto.outbox('someone-else@example.com')).toEqual([])
    expect(plinto.outbox()).toHaveLength(1)
  })

  test('is also served at /__dev/outbox', async () => {
    await post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })
    const res = await fetch('http://localhost:8000/__dev/outbox?to=ada@example.com')
    expect((await res.json()).messages).toHaveLength(1)
  })

  test('lastMessage throws when nothing was sent', () => {
    expect(() => plinto.lastMessage('nobody@example.com')).toThrow(/No message was sent to nobody@example.com/)
  })
})

describe('clock', () => {
  test('advance moves server time: an access token expires without any waiting', async () => {
    await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
    const { tokens } = await (await post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })).json()
    const me = () => fetch(`${BASE}/auth/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    expect((await me()).status).toBe(200)
    plinto.clock.advance(3601_000)
    const expired = await me()
    expect(expired.status).toBe(401)
    expect((await expired.json()).error_code).toBe('TOKEN_EXPIRED')
    plinto.clock.reset()
    expect((await me()).status).toBe(200)
  })

  test('set puts the server at an absolute time', async () => {
    plinto.clock.set(Date.UTC(2030, 0, 1))
    const res = await post('/auth/signin', {})
    expect((await res.json()).timestamp).toMatch(/^2030-01-01T00:00:0/)
    expect(plinto.clock.offset).toBeGreaterThan(0)
  })
})
