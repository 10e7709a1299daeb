import { expect, test, vi } from 'vitest'
import { usePlinto } from './setup'

const prefixed = usePlinto({ apiUrl: 'https://api.example.com/plinto' })

test('an apiUrl with a path prefix routes everything under it to the server', async () => {
  const res = await fetch('https://api.example.com/plinto/api/v1/health')
  expect((await res.json()).status).toBe('healthy')
  expect(prefixed.countRequests('GET', '/health')).toBe(1)
  expect((await fetch('https://api.example.com/plinto/.well-known/jwks.json')).status).toBe(200)
  expect(prefixed.countRequests('GET', '/.well-known/jwks.json')).toBe(1)
})

test('requests outside the prefix are not handled (MSW reports them as unhandled)', async () => {
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}) // MSW logs the unhandled request
  try {
    await expect(fetch('https://api.example.com/api/v1/health')).rejects.toThrow()
  } finally {
    quiet.mockRestore()
  }
  expect(prefixed.requests).toEqual([])
})
