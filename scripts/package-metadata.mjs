#!/usr/bin/env node
// The npm-page metadata of every published package, from one source: the root package.json's `repository`,
// `homepage`, `bugs`, `license` and `engines`. Each package gets the same values, with `repository.directory`
// and a `homepage` pointing at its own folder. `node scripts/package-metadata.mjs` checks (and fails on
// drift, in `pnpm test`); `--write` rewrites the package.json files.
//
// It also checks what the npm page shows: a README.md in the package, and no relative link in it that
// leaves the package (npm renders those as 404s).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const write = process.argv.includes('--write')

const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const repoUrl = rootPkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '') // https://github.com/owner/name

/** What every published package must carry, for the package in `packages/<dir>`. */
function expectedFields(dir) {
  return {
    license: rootPkg.license,
    repository: { type: 'git', url: rootPkg.repository.url, directory: `packages/${dir}` },
    homepage: `${repoUrl}/tree/main/packages/${dir}#readme`,
    bugs: rootPkg.bugs,
    engines: rootPkg.engines,
    publishConfig: { access: 'public', provenance: true },
  }
}

/** Fields a package sets itself, but must set. */
const required = ['name', 'version', 'description', 'keywords', 'sideEffects', 'exports', 'files']

export function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .map((dir) => ({ dir, path: join(root, 'packages', dir, 'package.json') }))
    .map(({ dir, path }) => ({ dir, path, pkg: JSON.parse(readFileSync(path, 'utf8')) }))
    .filter(({ pkg }) => !pkg.private)
}

/** `pkg` with `fields` placed right after `license` (where a reader looks for them), other keys in place. */
function ordered(pkg, fields) {
  const out = {}
  for (const [key, value] of Object.entries(pkg)) {
    if (fields.includes(key) && key !== 'license') continue
    out[key] = value
    if (key === 'license') for (const field of fields) out[field] = pkg[field]
  }
  return out
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

/** Relative links (markdown `](x)` or `href="x"`) that leave the package folder. */
function linksOutside(readme) {
  const links = [...readme.matchAll(/\]\(([^)\s]+)[^)]*\)|href="([^"]+)"/g)].map((m) => m[1] ?? m[2])
  return links.filter((link) => !/^([a-z]+:|#)/i.test(link) && (link.startsWith('..') || link.startsWith('/')))
}

const problems = []
for (const { dir, path, pkg } of publishedPackages()) {
  const where = `packages/${dir}/package.json`
  const expected = expectedFields(dir)
  let changed = false
  for (const [field, value] of Object.entries(expected)) {
    if (same(pkg[field], value)) continue
    if (write) {
      pkg[field] = value
      changed = true
    } else {
      problems.push(`${where}: "${field}" is ${JSON.stringify(pkg[field])}, expected ${JSON.stringify(value)}`)
    }
  }
  for (const field of required) if (pkg[field] === undefined) problems.push(`${where}: "${field}" is missing`)
  if (Array.isArray(pkg.keywords) && !pkg.keywords.includes('plinto')) problems.push(`${where}: keywords lack "plinto"`)

  const readmePath = join(root, 'packages', dir, 'README.md')
  if (!existsSync(readmePath)) {
    problems.push(`packages/${dir}/README.md is missing (it is the package's npm page)`)
  } else {
    for (const link of linksOutside(readFileSync(readmePath, 'utf8'))) {
      problems.push(`packages/${dir}/README.md: relative link "${link}" leaves the package; use ${repoUrl}/blob/main/…`)
    }
  }
  if (changed) writeFileSync(path, `${JSON.stringify(ordered(pkg, Object.keys(expected)), null, 2)}\n`)
}

if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'))
  console.error(
    `package metadata: ${problems.length} problem(s)${write ? '' : '; `node scripts/package-metadata.mjs --write` fixes the shared fields'}`,
  )
  process.exit(1)
}
console.log(`package metadata: ${publishedPackages().length} packages match the root's shared fields`)
