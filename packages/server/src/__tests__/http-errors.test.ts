import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ErrorBodySchema } from '@plinto/contract'
import { createMemoryStore, silentLogger, type Logger } from '../index'
import { startServer, type RunningServer } from '../node'
import { call, PASSWORD, testApp } from './helpers'

describe('error bodies', () => {
  test('malformed JSON is 400 VALIDATION_ERROR', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signin', {
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      path: '/api/v1/auth/signin',
      errors: [{ field: 'body', message: 'Malformed JSON' }],
    })
    expect(ErrorBodySchema.safeParse(res.body).success).toBe(true)
    expect(Date.parse(res.body.timestamp)).not.toBeNaN()
  })

  test('a non-JSON content type is 400', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signin', {
      raw: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect([res.status, res.body.error_code]).toEqual([400, 'VALIDATION_ERROR'])
  })

  test('wrong types and missing fields are 422 with one error per field', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signup', { body: { email: 42, first_name: ['x'] } })
    expect(res.status).toBe(422)
    expect(res.body.error_code).toBe('VALIDATION_ERROR')
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'Expected string' },
        { field: 'password', message: 'Required' },
        { field: 'first_name', message: expect.any(String) },
      ]),
    )
  })

  test('a JSON array body is 422, not a crash', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signup', { body: [1, 2] })
    expect([res.status, res.body.errors[0].field]).toEqual([422, 'body'])
  })

  test('an invalid email is a field error', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signup', {
      body: { email: 'not-an-email', password: PASSWORD },
    })
    expect(res.body.errors).toEqual([{ field: 'email', message: 'Enter a valid email address' }])
  })

  test('an unknown route is 404 NOT_FOUND with the error body', async () => {
    const res = await call(testApp(), 'GET', '/api/v1/nope')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ error_code: 'NOT_FOUND', path: '/api/v1/nope' })
  })

  test('an unexpected exception is 500 INTERNAL_ERROR; neither body nor log carries the message or stack', async () => {
    const store = createMemoryStore()
    store.users.getByEmail = () => Promise.reject(new Error('connection string postgres://admin:hunter2@db'))
    const logged: unknown[] = []
    const logger: Logger = { ...silentLogger, error: (...args) => logged.push(args) }
    const res = await call(testApp({ store, logger }), 'POST', '/api/v1/auth/signin', {
      body: { email: 'a@example.com', password: PASSWORD },
    })
    expect(res.status).toBe(500)
    expect(res.body).toMatchObject({ error_code: 'INTERNAL_ERROR', detail: 'Internal server error' })
    const everything = JSON.stringify([res.body, logged])
    expect(everything).not.toContain('hunter2')
    expect(everything).not.toMatch(/at .*\.ts/)
    expect(logged).toHaveLength(1)
  })

  test('every response carries X-Request-Id, errors included; a safe client-sent id is kept', async () => {
    const app = testApp()
    for (const [method, path] of [
      ['GET', '/health'],
      ['GET', '/nope'],
      ['POST', '/api/v1/auth/signin'],
    ] as const) {
      const res = await call(app, method, path)
      expect(res.headers.get('x-request-id')).toMatch(/^req_/)
    }
    expect(
      (await call(app, 'GET', '/health', { headers: { 'x-request-id': 'trace-123' } })).headers.get('x-request-id'),
    ).toBe('trace-123')
    expect(
      (await call(app, 'GET', '/health', { headers: { 'x-request-id': 'bad id\r\n' } })).headers.get('x-request-id'),
    ).toMatch(/^req_/)
  })
})

describe('body limit (413 PAYLOAD_TOO_LARGE)', () => {
  const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(200 * 1024) })

  test('a declared Content-Length over the limit is refused', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signin', {
      raw: big,
      headers: { 'content-type': 'application/json' },
    })
    expect([res.status, res.body.error_code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
  })

  test('a lying Content-Length does not get a large body through', async () => {
    const app = testApp()
    const bytes = new TextEncoder().encode(big)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16 * 1024) controller.enqueue(bytes.slice(i, i + 16 * 1024))
        controller.close()
      },
    })
    const res = await app.fetch(
      new Request('http://localhost/api/v1/auth/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '20' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    )
    expect(res.status).toBe(413)
  })

  test('the limit is configurable', async () => {
    const res = await call(testApp({ config: { bodyLimitBytes: 10 } }), 'POST', '/api/v1/auth/signin', {
      body: { email: 'a@example.com', password: PASSWORD },
    })
    expect(res.status).toBe(413)
  })

  describe('over real HTTP', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startServer({ port: 0, mode: 'test', logger: silentLogger })
    })
    afterAll(() => server.close())

    test('a chunked body (no Content-Length) over the limit is refused', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(`${server.url}/api/v1/auth/signin`)
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        expect(req.getHeader('content-length')).toBeUndefined()
        for (let i = 0; i < 20; i++) req.write('x'.repeat(10 * 1024))
        req.end()
      })
      expect(status).toBe(413)
    })

    test('a normal request works end to end', async () => {
      const res = await fetch(`${server.url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', password: PASSWORD }),
      })
      expect(res.status).toBe(201)
    })
  })
})
