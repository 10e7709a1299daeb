import { createServer } from 'node:http'
import { createApi } from './app'
import { readConfig } from './config'

const config = readConfig()
if (!config.webhookSecret)
  console.warn('PLINTO_WEBHOOK_SECRET is not set: webhooks are answered 503 (the Plinto server will retry).')

const server = createServer(createApi(config))
server.listen(config.port, () => {
  console.log(`Example API on http://localhost:${config.port} (Plinto at ${config.plintoApiUrl})`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    server.closeIdleConnections()
  })
}
