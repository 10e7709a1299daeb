import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// A `*.lazy.ts` module is a chunk the SDK downloads on first use (`import()`); one static import of it
// anywhere pulls it, with its dependencies, back into the main chunk and its size budget. esbuild would
// not complain, so this test does. `import type` is erased and allowed.
const SRC = join(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Static value imports and re-exports of a `.lazy` module: `import … from`, `export … from`, `import '…'`. */
const STATIC_LAZY_IMPORT =
  /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"][^'"]*\.lazy(?:\.tsx?|\.js)?['"]/gm

describe('lazily loaded chunks (*.lazy.ts)', () => {
  it('exist, and are reached only through import()', () => {
    const files = sourceFiles(SRC)
    expect(
      files
        .filter((file) => file.endsWith('.lazy.ts'))
        .map((file) => relative(SRC, file))
        .sort(),
    ).toEqual([
      'modules/management.lazy.ts',
      'modules/oauth-flow.lazy.ts',
      'modules/passkey-ceremony.lazy.ts',
      'modules/reauthentication.lazy.ts',
      'validation.lazy.ts',
    ])
    const offenders = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(STATIC_LAZY_IMPORT)].map(
        (match) => `${relative(SRC, file)}: ${match[0].trim()}`,
      ),
    )
    expect(offenders).toEqual([])
  })

  it('the check recognises a static import (and lets type imports and import() through)', () => {
    const sample = [
      "import { createManagementCalls } from './management.lazy'",
      "import type { ManagementCalls } from './management.lazy'",
      "const load = () => import('./management.lazy')",
      "export { createOAuthFlow } from './oauth-flow.lazy'",
      "import './passkey-ceremony.lazy'",
    ].join('\n')
    expect([...sample.matchAll(STATIC_LAZY_IMPORT)].map((match) => match[0].trim())).toEqual([
      "import { createManagementCalls } from './management.lazy'",
      "export { createOAuthFlow } from './oauth-flow.lazy'",
      "import './passkey-ceremony.lazy'",
    ])
  })
})
