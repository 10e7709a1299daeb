// A real HTTP webhook receiver on 127.0.0.1 for the outbox tests: it records every attempt (body, signature,
// parsed event, arrival time) and answers what `respond` decides, optionally after a promise (a slow or
// hanging receiver).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedAttempt {
  body: string
  signature: string
  event: { id: string; event: string; timestamp: string; data: Record<string, unknown> }
  at: number
}

export type Reply = { status: number; hold?: Promise<void> }

export async function startWebhookReceiver(
  respond: (attempt: ReceivedAttempt, n: number) => Reply = () => ({ status: 204 }),
) {
  const attempts: ReceivedAttempt[] = []
  /** Attempts answered 2xx (the response was written). */
  const accepted: ReceivedAttempt[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const attempt: ReceivedAttempt = {
        body,
        signature: String(req.headers['x-plinto-signature']),
        event: JSON.parse(body),
        at: Date.now(),
      }
      attempts.push(attempt)
      const reply = respond(attempt, attempts.length)
      const finish = () => {
        if (res.destroyed) return
        res.writeHead(reply.status)
        res.end()
        if (reply.status < 300) accepted.push(attempt)
      }
      if (reply.hold) void reply.hold.then(finish)
      else finish()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    attempts,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Polls `condition` every 20 ms until it holds, or fails after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
