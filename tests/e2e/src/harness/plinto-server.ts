import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PlintoStore } from '@plinto/server'
import { createEmbeddedStore, startServer, type RunningServer } from '@plinto/server/node'
import { OutboxResponseSchema, type OutboxMessage } from '@plinto/typescript-sdk/schemas'
import * as z from 'zod/mini'

export interface PlintoServerOptions {
  /** The port the example was built against. */
  port: number
  /** The example's origin: CORS, links in emails, WebAuthn origin. */
  appOrigin: string
  /** Access token lifetime in seconds (default 3600). */
  accessTokenTtl?: number
  /** How recently a session must have signed in or re-authenticated for sensitive actions (default 600). */
  reauthenticationMaxAgeSeconds?: number
}

export interface PlintoServer {
  /** `http://localhost:PORT`, the URL the page uses (same site as the app, for the refresh cookie). */
  readonly url: string
  /** `http://127.0.0.1:PORT`, for calls from the test process (the server listens on IPv4 only). */
  readonly nodeUrl: string
  /** The messages the server "sent" to `email`, oldest first, read through `GET /__dev/outbox`. */
  readOutbox(email: string): Promise<OutboxMessage[]>
  /** Stops listening (open connections are cut); the data directory stays. */
  stop(): Promise<void>
  /** Starts again on the same port from the same data directory: a real restart, nothing kept in memory. */
  restart(): Promise<void>
  /** Stops and deletes the data directory. */
  dispose(): Promise<void>
}

/**
 * The reference server in `test` mode (fast password hashing, no rate limits; the outbox and the `dev`
 * OAuth provider are on, as in development) with a durable data directory, so it can be stopped and
 * restarted mid-session like a real deployment.
 */
export async function startPlintoServer({
  port,
  appOrigin,
  accessTokenTtl,
  reauthenticationMaxAgeSeconds,
}: PlintoServerOptions): Promise<PlintoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plinto-e2e-data-'))
  let store: PlintoStore | null = null
  let server: RunningServer | null = null

  async function start() {
    store = await createEmbeddedStore(dataDir)
    server = await startServer({
      port,
      host: '127.0.0.1',
      mode: 'test',
      store,
      config: {
        appUrl: appOrigin,
        allowedOrigins: [appOrigin],
        origins: [appOrigin],
        rpId: 'localhost',
        // The react example offers emailed codes (as `pnpm start` runs the server).
        emailCodes: true,
        ...(accessTokenTtl === undefined ? {} : { accessTokenTtl }),
        ...(reauthenticationMaxAgeSeconds === undefined ? {} : { reauthenticationMaxAgeSeconds }),
      },
    })
  }

  async function stop() {
    // An outage, not a graceful shutdown: every connection is cut at once.
    await server?.close({ timeout: 0 })
    await store?.close()
    server = null
    store = null
  }

  await start()
  const nodeUrl = `http://127.0.0.1:${port}`
  return {
    url: `http://localhost:${port}`,
    nodeUrl,
    async readOutbox(email) {
      const response = await fetch(`${nodeUrl}/__dev/outbox?to=${encodeURIComponent(email)}`)
      if (!response.ok) throw new Error(`the outbox answered ${response.status}`)
      return z.parse(OutboxResponseSchema, await response.json()).messages
    },
    stop,
    async restart() {
      if (server) throw new Error('the server is running; stop() it first')
      await start()
    },
    async dispose() {
      await stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
