#!/usr/bin/env node
// The release, rehearsed without publishing (in `pnpm test`, after `pnpm build`): copies the repository's
// files to a scratch folder, runs `changeset version` there (the working tree is never touched), packs every
// published package with the new versions, and checks the tarballs (scripts/pack-check.mjs). Fails on any
// violation. `--keep` leaves the scratch folder for a look.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkTarballs, packPackages } from './pack-check.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// semver, as the changesets CLI itself resolves it (the root does not depend on it directly).
const semver = createRequire(createRequire(join(root, 'package.json')).resolve('@changesets/cli/package.json'))(
  'semver',
)
const keep = process.argv.includes('--keep')
const started = Date.now()
const scratch = mkdtempSync(join(tmpdir(), 'plinto-release-'))
const copy = join(scratch, 'repo')

try {
  // 1. A copy of what git would see (tracked and new files, as they are now) plus each package's dist/.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(join(root, file)))
  for (const file of files) cpSync(join(root, file), join(copy, file))
  const packageDirs = readdirSync(join(copy, 'packages'))
    .map((dir) => join(copy, 'packages', dir))
    .filter(
      (dir) =>
        existsSync(join(dir, 'package.json')) && !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private,
    )
  for (const dir of packageDirs) {
    const dist = join(root, 'packages', dir.split('/').at(-1), 'dist')
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run pnpm build first`)
    cpSync(dist, join(dir, 'dist'), { recursive: true })
  }
  // The changesets CLI and its changelog generator resolve from node_modules.
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir')

  // 2. changeset version, as the release would run it. A major bump nobody asked for (changesets makes one
  // when a peer dependency's new version leaves the dependent's range) fails the run.
  const declaredMajor = readdirSync(join(copy, '.changeset'))
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .some((file) => /^---[\s\S]*?:\s*major\s*$[\s\S]*?---/m.test(readFileSync(join(copy, '.changeset', file), 'utf8')))
  const before = Object.fromEntries(
    packageDirs.map((dir) => [dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version]),
  )
  execFileSync(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], {
    cwd: copy,
    stdio: 'pipe',
  })
  const pending = readdirSync(join(copy, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md')
  const problems = pending.map((file) => `.changeset/${file} was not consumed by changeset version`)
  const versions = packageDirs.map((dir) => {
    const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    if (version === before[dir]) problems.push(`${name}: changeset version left it at ${version}`)
    if (semver.major(version) > semver.major(before[dir]) && !declaredMajor) {
      problems.push(
        `${name}: ${before[dir]} → ${version} is a major release no changeset asked for (a peer range it leaves?)`,
      )
    }
    if (!existsSync(join(dir, 'CHANGELOG.md'))) problems.push(`${name}: no CHANGELOG.md written`)
    return `${name}@${version}`
  })
  console.log(`release dry run: changeset version → ${versions.join(', ')}`)

  // 3. Pack (pnpm rewrites workspace: ranges to the new versions) and check the tarballs.
  const packed = packPackages(packageDirs, join(scratch, 'tarballs'))
  const { problems: tarballProblems, fileCounts } = checkTarballs(packed, join(scratch, 'extracted'))
  problems.push(...tarballProblems)
  const released = new Map(packed.map(({ name, version }) => [name, version]))
  for (const { name, tarball } of packed) {
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
    // Each range on a sibling accepts the sibling's version of this release.
    for (const field of ['dependencies', 'peerDependencies']) {
      for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
        if (released.has(dep) && !semver.satisfies(released.get(dep), range)) {
          problems.push(
            `${name}: ${field}.${dep} "${range}" does not accept ${dep}@${released.get(dep)} of this release`,
          )
        }
      }
    }
    const ranges = ['dependencies', 'peerDependencies']
      .flatMap((field) =>
        Object.entries(manifest[field] ?? {})
          .filter(([dep]) => dep.startsWith('@plinto/'))
          .map(([dep, range]) => `${field === 'peerDependencies' ? 'peer ' : ''}${dep} ${range}`),
      )
      .join(', ')
    console.log(`  ${tarball.split('/').at(-1)}: ${fileCounts[name]} files${ranges ? `; ${ranges}` : ''}`)
  }

  if (problems.length > 0) {
    console.error(problems.map((problem) => `✗ ${problem}`).join('\n'))
    console.error(`release dry run: ${problems.length} problem(s)`)
    process.exitCode = 1
  } else {
    console.log(
      `release dry run: ${packed.length} packages versioned, packed and checked in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  }
} finally {
  if (keep) console.log(`scratch folder kept: ${scratch}`)
  else rmSync(scratch, { recursive: true, force: true })
}
