// Packing the published packages and checking their tarballs: used by scripts/release-dry-run.mjs and
// scripts/consumer-test.mjs.
//
// A tarball holds package.json, README.md, LICENSE (CHANGELOG.md after a release), dist/ and src/, and
// nothing else. src/ ships on purpose: the source maps in dist/ point into it (so a debugger shows the
// TypeScript), and the `@plinto/source` export condition names it. Tests, __tests__ folders and stories
// must not ship; every source map must resolve to files in the tarball; every file the `exports` map,
// main/module/types and bin name must exist; every relative import inside dist/ must resolve; the README's
// imports of @plinto/* must be entries some package exports.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix, relative } from 'node:path'

const ALLOWED_TOP = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist', 'src'])
const FORBIDDEN = [
  [/(^|\/)__tests__(\/|$)/, 'a __tests__ folder'],
  [/\.(test|spec)\.[cm]?[jt]sx?$/, 'a test file'],
  [/\.stories\.[cm]?[jt]sx?$/, 'a story'],
  [/(^|\/)stories\//, 'a stories folder'],
  [/\.tsbuildinfo$/, 'a tsbuildinfo file'],
  [/(^|\/)(tsconfig[^/]*\.json|tsup\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s)$/, 'build or test configuration'],
]

/**
 * Packs every package directory in `packageDirs` into `destination` with `pnpm pack` (which rewrites
 * `workspace:` ranges) and returns `[{ name, version, tarball }]`.
 */
export function packPackages(packageDirs, destination) {
  mkdirSync(destination, { recursive: true })
  return packageDirs.map((dir) => {
    const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: dir,
      encoding: 'utf8',
    })
    const { name, version, filename } = JSON.parse(out.slice(out.indexOf('{')))
    return { name, version, tarball: filename, dir }
  })
}

/** Extracts a tarball into `into` and returns the path of its `package/` folder. */
export function extract(tarball, into) {
  mkdirSync(into, { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', into])
  return join(into, 'package')
}

function listFiles(root, dir = root) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path).split('\\').join('/')]
  })
}

/** Every string target of an `exports` value, whatever the conditions. */
function exportTargets(value) {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets)
  return []
}

const DEP_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies']

// The React Server Components boundary in dist: files that must start with the 'use client' directive (client
// modules: hooks, providers) and files that must not (server code: a directive there would turn `auth()` into a
// client reference that a server component cannot call).
const RSC_BOUNDARIES = {
  '@plinto/react': { client: ['dist/index.js', 'dist/index.cjs'], server: [] },
  '@plinto/ui': { client: ['dist/index.js', 'dist/index.cjs'], server: [] },
  '@plinto/nextjs': {
    client: ['dist/client.js', 'dist/client.cjs'],
    server: ['dist/index.js', 'dist/index.cjs', 'dist/server.js', 'dist/server.cjs'],
  },
}
const USE_CLIENT = /^\s*['"]use client['"];?/

/**
 * Checks one extracted package folder; returns a list of violations (empty when it is fine). `exportsByName`
 * maps every packed package's name to its exports keys, to check the README's imports.
 */
export function checkPackage(packageRoot, exportsByName) {
  const problems = []
  const files = listFiles(packageRoot)
  const has = new Set(files)
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'))

  for (const file of files) {
    const top = file.split('/')[0]
    if (!ALLOWED_TOP.has(top))
      problems.push(`${file}: not something the package promises (allowed: ${[...ALLOWED_TOP].join(', ')})`)
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(file)) problems.push(`${file}: ${what} must not ship`)
  }
  if (!has.has('README.md')) problems.push('README.md is missing')
  if (!has.has('LICENSE')) problems.push('LICENSE is missing')

  // What package.json promises.
  const promised = [
    ...exportTargets(pkg.exports),
    ...['main', 'module', 'types'].map((field) => pkg[field]).filter(Boolean),
    ...(typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {})),
  ]
  for (const target of promised) {
    if (!has.has(posix.normalize(target))) problems.push(`package.json names ${target}, which is not in the tarball`)
  }
  for (const field of DEP_FIELDS) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${dep} is still "${range}"`)
    }
  }

  for (const file of files) {
    const path = join(packageRoot, file)
    // Source maps resolve to files that ship.
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(path, 'utf8'))
      for (const source of map.sources ?? []) {
        const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? '', source))
        if (!has.has(target)) problems.push(`${file}: source ${source} (${target}) is not in the tarball`)
      }
    }
    // Relative imports between built files resolve.
    if (/^dist\/.*\.(c|m)?js$|^dist\/.*\.d\.(c|m)?ts$/.test(file)) {
      const text = readFileSync(path, 'utf8')
      for (const [, spec] of text.matchAll(
        /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'](\.\.?\/[^"']+)["']/g,
      )) {
        const target = posix.normalize(posix.join(posix.dirname(file), spec))
        const candidates = [
          target,
          target.replace(/\.js$/, '.d.ts'),
          target.replace(/\.cjs$/, '.d.cts'),
          target.replace(/\.mjs$/, '.d.mts'),
          `${target}.d.ts`,
        ]
        if (!candidates.some((candidate) => has.has(candidate)))
          problems.push(`${file}: imports ${spec}, which is not in the tarball`)
      }
    }
  }

  const boundaries = RSC_BOUNDARIES[pkg.name]
  for (const file of boundaries?.client ?? []) {
    if (has.has(file) && !USE_CLIENT.test(readFileSync(join(packageRoot, file), 'utf8')))
      problems.push(`${file}: a client module that does not start with 'use client'`)
  }
  for (const file of boundaries?.server ?? []) {
    if (has.has(file) && USE_CLIENT.test(readFileSync(join(packageRoot, file), 'utf8')))
      problems.push(`${file}: server code that starts with 'use client'`)
  }

  // The README's imports are entries that exist.
  if (has.has('README.md')) {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8')
    for (const [, spec] of readme.matchAll(/(?:from\s+|import\s+|require\()['"](@plinto\/[^'"]+)['"]/g)) {
      const [scope, name, ...rest] = spec.split('/')
      const entry = rest.length > 0 ? `./${rest.join('/')}` : '.'
      const entries = exportsByName.get(`${scope}/${name}`)
      if (!entries) problems.push(`README.md imports ${spec}: no such package is published`)
      else if (!entries.includes(entry))
        problems.push(`README.md imports ${spec}: ${scope}/${name} exports no "${entry}"`)
    }
  }
  return problems
}

/** Extracts and checks every packed package; returns `{ problems, fileCounts }`. */
export function checkTarballs(packed, scratch) {
  const roots = packed.map(({ name, tarball }) => ({
    name,
    root: extract(tarball, join(scratch, name.replace('/', '+'))),
  }))
  const exportsByName = new Map(
    roots.map(({ name, root }) => [
      name,
      Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports ?? { '.': '' }),
    ]),
  )
  const problems = []
  const fileCounts = {}
  for (const { name, root } of roots) {
    fileCounts[name] = listFiles(root).length
    for (const problem of checkPackage(root, exportsByName)) problems.push(`${name}: ${problem}`)
  }
  return { problems, fileCounts, roots }
}
