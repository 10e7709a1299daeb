import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The prebuilt browser bundles of the documentation viewers, read from their installed npm packages so the
 * pages work without internet access (no CDN). Both packages are optional peer dependencies of the server:
 * they are large (React, Vue) and only the documentation pages need them.
 */
export const VIEWERS = {
  scalar: {
    pkg: '@scalar/api-reference',
    // The package exports no browser path; its main entry sits in dist/, next to dist/browser/.
    locate: (require: NodeRequire) =>
      join(dirname(require.resolve('@scalar/api-reference')), 'browser', 'standalone.js'),
  },
  redoc: {
    pkg: 'redoc',
    locate: (require: NodeRequire) => require.resolve('redoc/bundles/redoc.standalone.js'),
  },
} as const

export type ViewerName = keyof typeof VIEWERS

// Resolves from this package's folder (tsup's shims give the CommonJS build an `import.meta.url`).
const localRequire: NodeRequire = createRequire(import.meta.url)
const scripts = new Map<ViewerName, Promise<string | undefined>>()

/** The viewer's script, or undefined when its package is not installed. Read once, then kept in memory. */
export function viewerScript(name: ViewerName): Promise<string | undefined> {
  let script = scripts.get(name)
  if (!script) {
    script = readViewer(name)
    scripts.set(name, script)
  }
  return script
}

async function readViewer(name: ViewerName): Promise<string | undefined> {
  let file: string
  try {
    file = VIEWERS[name].locate(localRequire)
  } catch {
    return undefined
  }
  return readFile(file, 'utf8')
}
