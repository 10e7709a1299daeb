import { afterEach, describe, expect, test, vi } from 'vitest'
import { BASE, PASSWORD, post, usePlinto } from './setup'

const plinto = usePlinto()

async function signIn() {
  await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
  return post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })
}

describe('faults.networkError', () => {
  test('fails exactly the next matching request, then the server answers again', async () => {
    plinto.faults.networkError({ path: '/auth/signin' })
    await expect(signIn()).rejects.toThrow(TypeError)
    expect((await post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })).status).toBe(200)
  })

  test('honours times and method', async () => {
    plinto.faults.networkError({ path: '/auth/me', method: 'GET', times: 2 })
    const me = () => fetch(`${BASE}/auth/me`)
    await expect(me()).rejects.toThrow(TypeError)
    await expect(me()).rejects.toThrow(TypeError)
    expect((await me()).status).toBe(401)
    plinto.faults.networkError({ path: '/auth/me', method: 'POST' })
    expect((await me()).status).toBe(401)
  })

  test('matches root paths and regular expressions', async () => {
    plinto.faults.networkError({ path: '/.well-known/jwks.json' })
    await expect(fetch('http://localhost:8000/.well-known/jwks.json')).rejects.toThrow(TypeError)
    plinto.faults.networkError({ path: /^\/health/ })
    await expect(fetch(`${BASE}/health`)).rejects.toThrow(TypeError)
    expect((await fetch(`${BASE}/health`)).status).toBe(200)
  })
})

describe('faults.respond', () => {
  test('replaces the next N responses, then the server answers', async () => {
    plinto.faults.respond({
      path: '/auth/refresh',
      status: 429,
      body: { detail: 'slow down', error_code: 'RATE_LIMITED', retry_after: 7 },
      headers: { 'Retry-After': '7' },
      times: 2,
    })
    for (let i = 0; i < 2; i++) {
      const res = await post('/auth/refresh', { refresh_token: 'x' })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('7')
      expect(await res.json()).toEqual({ detail: 'slow down', error_code: 'RATE_LIMITED', retry_after: 7 })
    }
    const real = await post('/auth/refresh', { refresh_token: 'x' })
    expect((await real.json()).error_code).toBe('INVALID_REFRESH_TOKEN')
  })

  test('can answer with no body or a text body', async () => {
    plinto.faults.respond({ path: '/auth/me', status: 503 })
    plinto.faults.respond({
      path: '/auth/me',
      status: 502,
      body: '<html>bad gateway</html>',
      headers: { 'content-type': 'text/html' },
    })
    const first = await fetch(`${BASE}/auth/me`)
    expect([first.status, await first.text()]).toEqual([503, ''])
    const second = await fetch(`${BASE}/auth/me`)
    expect([second.status, await second.text()]).toEqual([502, '<html>bad gateway</html>'])
  })

  test('faults.clear removes pending faults', async () => {
    plinto.faults.respond({ path: '/health', status: 500, times: Infinity })
    expect((await fetch(`${BASE}/health`)).status).toBe(500)
    expect((await fetch(`${BASE}/health`)).status).toBe(500)
    plinto.faults.clear()
    expect((await fetch(`${BASE}/health`)).status).toBe(200)
  })
})

describe('faults.delay', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test('holds the response until the (fake) time has passed, then lets the server answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    plinto.faults.delay({ path: '/health', ms: 5_000 })
    let settled = false
    const pending = fetch(`${BASE}/health`).then((res) => {
      settled = true
      return res
    })
    await vi.advanceTimersByTimeAsync(4_999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const res = await pending
    expect(settled).toBe(true)
    expect(res.status).toBe(200)
  })

  test('combines with a terminal fault on the same request', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    plinto.faults.delay({ path: '/health', ms: 1_000 })
    plinto.faults.networkError({ path: '/health' })
    const pending = fetch(`${BASE}/health`)
    const assertion = expect(pending).rejects.toThrow(TypeError)
    await vi.advanceTimersByTimeAsync(1_000)
    await assertion
  })
})

test('invalid fault options are refused', () => {
  expect(() => plinto.faults.networkError({ path: '/x', times: 0 })).toThrow(/times/)
  expect(() => plinto.faults.delay({ path: '/x', ms: -1 })).toThrow(/ms/)
})
