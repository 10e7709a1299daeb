import { HealthResponseSchema, OutboxResponseSchema, type OutboxMessage } from '@plinto/typescript-sdk/schemas'
import { config } from './plinto'

// The reference server's development outbox: in development and test mode it records every email and
// text message it "sends" and lists them at `GET /__dev/outbox?to=ADDRESS`. Production servers have no
// such route (404) and send real mail instead. Nothing here is part of the SDK: it is a development aid.

export type OutboxResult = { kind: 'messages'; messages: OutboxMessage[] } | { kind: 'unavailable' }

/** The messages the server sent to `email`, newest first; `unavailable` when the server has no outbox. */
export async function fetchOutbox(email: string, signal?: AbortSignal): Promise<OutboxResult> {
  const response = await fetch(`${config.apiUrl}/__dev/outbox?${new URLSearchParams({ to: email })}`, { signal })
  if (response.status === 404) return { kind: 'unavailable' }
  if (!response.ok) throw new Error(`The server answered ${response.status}.`)
  const { messages } = OutboxResponseSchema.parse(await response.json())
  return { kind: 'messages', messages: [...messages].reverse() }
}

let developmentServer: Promise<boolean> | undefined

/**
 * Whether the API is a development (or test) server, which has the outbox: `GET /health` tells its
 * `environment`. Asked once per page load; a server that cannot be reached counts as not one.
 */
export function isDevelopmentServer(): Promise<boolean> {
  developmentServer ??= fetch(`${config.apiUrl}/health`)
    .then(async (response) => HealthResponseSchema.parse(await response.json()).environment !== 'production')
    .catch(() => {
      developmentServer = undefined // ask again next time
      return false
    })
  return developmentServer
}

/**
 * The path of an emailed link inside this app (`/verify-email?token=…`), so it opens here. A link to
 * another origin (a server whose `--app-url` is not this app) stays absolute.
 */
export function appPath(link: string): string {
  const url = new URL(link, window.location.origin)
  return url.origin === window.location.origin ? url.pathname + url.search + url.hash : url.href
}
