import { connect, type Socket } from 'node:net'
import { describe, expect, test } from 'vitest'
import { silentLogger } from '../index'
import { startServer } from '../node'

/** A raw TCP connection to the server, and a promise of its end (the server closed it). */
async function openSocket(port: number): Promise<{ socket: Socket; ended: Promise<void> }> {
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  return { socket, ended }
}

const start = () => startServer({ port: 0, mode: 'test', logger: silentLogger })

describe('startServer().close()', () => {
  // Chromium opens sockets ahead of requests; Node counts such a socket as busy, so close() used to wait
  // for its headers timeout (60 s) and a test's "server stopped" hung for a minute.
  test('cuts a connection that never sent a request once the timeout has passed', { timeout: 10_000 }, async () => {
    const server = await start()
    const { ended } = await openSocket(server.port)
    await server.close({ timeout: 100 })
    await ended
  })

  test('lets a request in flight finish, then closes its keep-alive connection', { timeout: 10_000 }, async () => {
    const server = await start()
    const { socket, ended } = await openSocket(server.port)
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password' })
    let response = ''
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()))
    // Headers and half the body: the request is in flight when close() is called.
    socket.write(
      `POST /api/v1/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n` +
        body.slice(0, 10),
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = server.close({ timeout: 5_000 })
    socket.write(body.slice(10))
    await closed
    await ended
    expect(response).toMatch(/^HTTP\/1\.1 401 /)
    expect(response).toContain('INVALID_CREDENTIALS')
  })

  test('with timeout 0, cuts every connection at once (a test simulating an outage)', { timeout: 10_000 }, async () => {
    const server = await start()
    const { socket, ended } = await openSocket(server.port)
    socket.write(
      'POST /api/v1/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    )
    await server.close({ timeout: 0 })
    await ended
  })
})
