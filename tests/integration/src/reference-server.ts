import { startServer, type RunningServer } from '@plinto/server/node'
import { OutboxResponseSchema, type OutboxMessage } from '@plinto/typescript-sdk/schemas'
import * as z from 'zod/mini'

/**
 * A reference server on 127.0.0.1 with an ephemeral port, in `test` mode (fast password hashing, outbox on,
 * rate limits off unless asked for), plus a reader for its development outbox over real HTTP.
 */
export async function startReferenceServer(options: Parameters<typeof startServer>[0] = {}) {
  const server: RunningServer = await startServer({ port: 0, host: '127.0.0.1', mode: 'test', ...options })
  return {
    ...server,
    /** The messages the server "sent" to `to`, read through `GET /__dev/outbox` like an app would. */
    async outbox(to: string): Promise<OutboxMessage[]> {
      const response = await fetch(`${server.url}/__dev/outbox?to=${encodeURIComponent(to)}`)
      if (!response.ok) throw new Error(`outbox answered ${response.status}`)
      return z.parse(OutboxResponseSchema, await response.json()).messages
    },
  }
}

/** The value of `name` in the query of the link an email carries. */
export function tokenFromLink(message: OutboxMessage | undefined, name = 'token'): string {
  if (!message?.link) throw new Error('the message carries no link')
  const token = new URL(message.link).searchParams.get(name)
  if (!token) throw new Error(`the link has no ${name}: ${message.link}`)
  return token
}
