import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { REPO_ROOT } from './paths'
import { runNodeScript } from './run-node'

/** Storybook's static build, as `pnpm test:storybook` writes it. */
export const STORYBOOK_STATIC_DIR = join(REPO_ROOT, 'storybook-static')

/** One story of the build's `index.json`. */
export interface StoryEntry {
  id: string
  title: string
  name: string
  /** Storybook tags, e.g. `narrow` (checked at 360 px as well). */
  tags: string[]
}

/**
 * Builds Storybook into `storybook-static/` unless a build is there already (`pnpm test` builds it just
 * before the end-to-end suite), with the command `pnpm test:storybook` uses.
 */
export async function ensureStorybookBuild(): Promise<void> {
  if (existsSync(join(STORYBOOK_STATIC_DIR, 'index.json'))) return
  await runNodeScript('the Storybook build', '.storybook/run.mjs', ['build', '--quiet', '-o', STORYBOOK_STATIC_DIR], {
    cwd: REPO_ROOT,
  })
}

/** The stories of the build, in the order of its index (docs entries left out). */
export async function readStoryIndex(): Promise<StoryEntry[]> {
  const index = JSON.parse(await readFile(join(STORYBOOK_STATIC_DIR, 'index.json'), 'utf8')) as {
    entries: Record<string, StoryEntry & { type: string }>
  }
  return Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map(({ id, title, name, tags }) => ({ id, title, name, tags: tags ?? [] }))
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', // module scripts and the service worker need a JavaScript type
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

export interface StaticSite {
  /** `http://localhost:PORT`: a secure context, as service workers (MSW) require. */
  readonly origin: string
  close(): Promise<void>
}

/** Serves the files of `dir` (GET and HEAD only, nothing outside `dir`) on a free localhost port. */
export async function serveStatic(dir: string): Promise<StaticSite> {
  const root = normalize(dir + sep)
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)))
    const file = path.endsWith(sep) ? join(path, 'index.html') : path
    if (!file.startsWith(root) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        })
        response.end(request.method === 'HEAD' ? undefined : body)
      },
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // 127.0.0.1, and the page uses `localhost`, as everywhere in this suite.
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
