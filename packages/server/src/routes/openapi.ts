import { Hono, type Context } from 'hono'
import { randomId } from '../crypto/random'
import type { PlintoEnv } from '../env'
import { errors } from '../errors'

/**
 * `GET /openapi.json` (the contract as OpenAPI 3.1, generated from @plinto/contract's zod schemas for this
 * server's base path and mode), and two viewers of it: `GET /docs` (Scalar) and `GET /redoc` (ReDoc). The
 * viewers' scripts are served from their installed npm packages, never from a CDN. The generator, the
 * Scalar renderer and the viewers load on the first request, so the app's start-up and the other routes do
 * not pay for them.
 */
export function openApiRoutes(): Hono<PlintoEnv> {
  const routes = new Hono<PlintoEnv>()
  let document: Promise<string> | undefined

  routes.get('/openapi.json', async (c) => {
    const { config } = c.var.server
    document ??= import('@plinto/contract/openapi').then(({ createOpenApiDocument }) =>
      JSON.stringify(
        createOpenApiDocument({ apiBasePath: config.apiBasePath, includeDevEndpoints: config.mode !== 'production' }),
      ),
    )
    c.header('Content-Type', 'application/json; charset=utf-8')
    c.header('Cache-Control', 'no-cache')
    return c.body(await document, 200)
  })

  routes.get('/docs', async (c) => {
    await requireViewer('scalar')
    const { Scalar } = await import('@scalar/hono-api-reference')
    const nonce = pageHeaders(c)
    // Relative URLs keep the page working behind a proxy that mounts the server under a path. Everything
    // that would talk to Scalar's services (web fonts, the AI agent, the developer toolbar) is off.
    const page = Scalar<PlintoEnv>({
      url: './openapi.json',
      cdn: './docs/api-reference.js',
      pageTitle: 'Plinto API',
      withDefaultFonts: false,
      showDeveloperTools: 'never',
      agent: { disabled: true },
      nonce,
    })
    return (await page(c, async () => {})) as Response
  })
  routes.get('/docs/api-reference.js', (c) => script(c, 'scalar'))

  routes.get('/redoc', async (c) => {
    await requireViewer('redoc')
    const nonce = pageHeaders(c)
    return c.html(redocPage(nonce), 200)
  })
  routes.get('/redoc/redoc.standalone.js', (c) => script(c, 'redoc'))

  return routes
}

async function requireViewer(name: 'scalar' | 'redoc'): Promise<string> {
  const { viewerScript, VIEWERS } = await import('./openapi-viewers')
  const source = await viewerScript(name)
  if (source === undefined)
    throw errors.notFound(`This page needs the ${VIEWERS[name].pkg} package: install it next to @plinto/server`)
  return source
}

async function script(c: Context<PlintoEnv>, name: 'scalar' | 'redoc') {
  const source = await requireViewer(name)
  c.header('Content-Type', 'text/javascript; charset=utf-8')
  c.header('Cache-Control', 'public, max-age=86400')
  return c.body(source, 200)
}

// The pages cannot be framed (CONTRACT.md § Transport rules), run only this server's scripts and the nonced
// inline one, and talk only to this server. Both viewers inject inline styles and run workers from blobs.
function pageHeaders(c: Context<PlintoEnv>): string {
  const nonce = randomId('n')
  c.header(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
  )
  c.header('X-Frame-Options', 'DENY')
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('Cache-Control', 'no-cache')
  return nonce
}

// ReDoc's documented standalone embedding: its element plus its bundle.
function redocPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plinto API</title>
</head>
<body>
<redoc spec-url="./openapi.json"></redoc>
<script src="./redoc/redoc.standalone.js" nonce="${nonce}"></script>
</body>
</html>`
}
