// The ceiling of `pnpm bench`: a bare Hono app on @hono/node-server whose one route verifies an ES256
// access token with jose against the reference server's public key, and answers 200. No store, no session
// lookup: what `GET /auth/me` would cost if authentication were free of storage. Started as a child process
// (PLINTO_BENCH_JWKS holds the key set), and prints its URL like plinto-server does.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

// Hono and jose as the server package has them.
const require = createRequire(fileURLToPath(new URL('../../packages/server/package.json', import.meta.url)))
const { Hono } = await import(require.resolve('hono'))
const { serve } = await import(require.resolve('@hono/node-server'))
const { createLocalJWKSet, jwtVerify } = await import(require.resolve('jose'))

const jwks = createLocalJWKSet(JSON.parse(process.env.PLINTO_BENCH_JWKS))
const app = new Hono()
app.get('/api/v1/auth/me', async (c) => {
  const header = c.req.header('authorization') ?? ''
  try {
    const { payload } = await jwtVerify(header.replace(/^Bearer /, ''), jwks, { algorithms: ['ES256'] })
    return c.json({ id: payload.sub })
  } catch {
    return c.json({ error_code: 'INVALID_TOKEN' }, 401)
  }
})
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`)
})
