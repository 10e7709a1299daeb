// First-load size budgets: what an app downloads before its first call, bundled the way an app is built.
// Run by `pnpm size` (before size-limit, which keeps the budgets of whole entries: see .size-limit.js).
//
// Why a script and not size-limit: size-limit bundles an entry without code splitting into one file. An app's
// bundler splits: the SDK's `import()`s become chunks of their own, and code that the main entry and those
// chunks share goes into shared chunks that the main entry loads statically. So the first load is the entry
// plus every chunk it imports statically, each gzipped on its own as a server sends it, and what lands in the
// shared chunks depends on how the packages are cut into modules (a bundler places modules, never parts of
// one). Measuring the SDK's main chunk alone, with the lazy chunks marked external, missed exactly that: it
// read 14.98 kB while the app's first load was 17.8 kB. These budgets supersede size-limit's "core main
// chunk" and "UI sign-in" entries.
//
// How each budget is measured:
// - The app entry is a file in scripts/first-load/ (the README's quick starts), bundled by esbuild with
//   `splitting: true`, ESM, minified, `process.env.NODE_ENV` = "production", for the browser.
// - `@plinto/*` resolves from examples/react-vite, an app of the workspace: through the packages' `exports`,
//   to their built dist/ as npm would install it (run `pnpm build` first), never to their sources.
// - React and react-dom are external: they are the app's own dependencies (peer dependencies of
//   @plinto/react and @plinto/ui), downloaded whatever auth library the app uses and usually cached in a
//   vendor chunk of their own; counted in, their ~60 kB would hide what Plinto adds. Everything else a
//   component pulls in, the SDK and zod included, is counted.
// - From the metafile, the static import graph is followed from the entry's output: those chunks are the
//   first load; chunks reached only through `import()` are listed apart as lazily loaded and not counted.
// - Each chunk is gzipped separately (level 9, as size-limit does); 1 kB = 1000 bytes, as size-limit prints.
//
// Exit code 1 when a first load is over its budget.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const APP = join(ROOT, 'examples/react-vite')
const ENTRIES = join(ROOT, 'scripts/first-load')

const BUDGETS = [
  {
    name: '@plinto/typescript-sdk — the sign-in flow of the README quick start',
    entry: 'core-sign-in.js',
    limit: 15_000,
  },
  {
    // 30 kB with headroom for features still to come: the goal is at least 1.5 kB under it.
    name: '@plinto/ui — PlintoProvider + SignIn + SignUp + UserButton (React external, SDK included)',
    entry: 'ui-sign-in.jsx',
    limit: 30_000,
    headroom: 1_500,
  },
]

const REACT = ['react', 'react-dom', 'react/*', 'react-dom/*']

/** The app entries import `@plinto/*` as an app does: resolved from the example app's dependencies. */
const resolveAsTheApp = {
  name: 'resolve-as-the-app',
  setup(build) {
    build.onResolve({ filter: /^@plinto\// }, (args) =>
      args.importer.startsWith(ENTRIES) && args.pluginData !== 'app'
        ? build.resolve(args.path, { kind: args.kind, resolveDir: APP, pluginData: 'app' })
        : undefined,
    )
  },
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
const gzip = (contents) => gzipSync(contents, { level: 9 }).length

/** The package an input file belongs to (`zod`, `@plinto/contract`, …), for naming chunks. */
function packageOf(input) {
  const inModules = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)
  if (inModules) return inModules[1]
  const workspace = input.match(/^packages\/([^/]+)\//)
  if (workspace)
    return (
      {
        core: '@plinto/typescript-sdk',
        contract: '@plinto/contract',
        react: '@plinto/react',
        ui: '@plinto/ui',
      }[workspace[1]] ?? workspace[0]
    )
  return relative(ROOT, join(ROOT, input)).startsWith('scripts/') ? 'app entry' : input
}

/** What a chunk holds, by package, largest first (minified bytes before gzip). */
function describe(output) {
  const byPackage = new Map()
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input)
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
  }
  return [...byPackage]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${(bytes / 1000).toFixed(1)}`)
    .join(', ')
}

async function measure({ entry }) {
  const outdir = mkdtempSync(join(tmpdir(), 'plinto-first-load-'))
  try {
    const result = await esbuild.build({
      entryPoints: [join(ENTRIES, entry)],
      absWorkingDir: ROOT,
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: REACT,
      plugins: [resolveAsTheApp],
      metafile: true,
      write: false,
      logLevel: 'error',
    })
    const contents = new Map(result.outputFiles.map((file) => [relative(ROOT, file.path), file.contents]))
    const outputs = result.metafile.outputs
    const start = Object.keys(outputs).find((key) => outputs[key].entryPoint === relative(ROOT, join(ENTRIES, entry)))
    const chunk = (key) => ({
      file: relative(outdir, join(ROOT, key)),
      minified: contents.get(key).length,
      gzip: gzip(contents.get(key)),
      holds: describe(outputs[key]),
    })
    // The first load: the entry's chunk and, transitively, every chunk it imports statically.
    const first = new Set()
    const walk = (key) => {
      if (first.has(key)) return
      first.add(key)
      for (const i of outputs[key].imports) if (i.kind === 'import-statement' && !i.external) walk(i.path)
    }
    walk(start)
    const lazy = Object.keys(outputs).filter((key) => key.endsWith('.js') && !first.has(key))
    return { first: [...first].map(chunk), lazy: lazy.map(chunk).sort((a, b) => b.gzip - a.gzip) }
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

let failed = false
for (const budget of BUDGETS) {
  const { first, lazy } = await measure(budget)
  const total = first.reduce((sum, chunk) => sum + chunk.gzip, 0)
  const over = total > budget.limit
  failed ||= over
  console.log(`\n${budget.name}\n  app entry: scripts/first-load/${budget.entry}`)
  console.log('  first load (gzip each)')
  for (const c of first) console.log(`    ${kB(c.gzip).padStart(9)}  ${c.file.padEnd(28)} ${c.holds}`)
  const verdict = over
    ? `OVER by ${kB(total - budget.limit)}`
    : `${kB(budget.limit - total)} under${budget.headroom && budget.limit - total < budget.headroom ? ` (goal: ${kB(budget.headroom)} of headroom)` : ''}`
  console.log(`    ${kB(total).padStart(9)}  total, budget ${kB(budget.limit)}: ${verdict}`)
  console.log('  lazily loaded on first use (not counted)')
  for (const c of lazy) console.log(`    ${kB(c.gzip).padStart(9)}  ${c.file.padEnd(28)} ${c.holds}`)
}
console.log(
  failed ? '\nA first load is over its budget.' : '\nEvery first load is within its budget. (kB = 1000 bytes, gzip -9)',
)
process.exitCode = failed ? 1 : 0
