#!/usr/bin/env node
// Makes sure a PostgreSQL server is installed for the reference server's store tests, which start a
// throwaway cluster of their own (packages/server/test/postgres-cluster.ts). Debian's package, installed
// with apt when missing: as root directly, otherwise through sudo when that works without a password.
// Anything else stops with a message that says what to run. Skipped when PLINTO_TEST_DATABASE_URL names
// a server to use instead.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = '/usr/lib/postgresql'
const installed = () => existsSync(ROOT) && readdirSync(ROOT).some((major) => existsSync(join(ROOT, major, 'bin', 'initdb')))

if (process.env.PLINTO_TEST_DATABASE_URL) {
  console.log('postgres: using PLINTO_TEST_DATABASE_URL')
  process.exit(0)
}
if (installed()) {
  console.log(`postgres: using ${ROOT}`)
  process.exit(0)
}
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  fail('PostgreSQL is missing and this is not a Debian/Ubuntu machine. Start a PostgreSQL server and set PLINTO_TEST_DATABASE_URL.')
}
const isRoot = process.getuid?.() === 0
const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
if (!isRoot && !hasSudo) {
  fail('PostgreSQL is missing and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y postgresql')
}

console.log('postgres: installing PostgreSQL with apt (about half a minute)…')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'postgresql']]) {
  const command = isRoot ? 'apt-get' : 'sudo'
  const argv = isRoot ? args : ['-n', '--preserve-env=DEBIAN_FRONTEND', 'apt-get', ...args]
  const run = spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.status !== 0) {
    process.stderr.write(run.stdout ?? '')
    process.stderr.write(run.stderr ?? '')
    fail(`\`apt-get ${args.join(' ')}\` failed (exit ${run.status ?? run.signal}).`)
  }
}
if (!installed()) fail(`apt installed postgresql but there is no initdb under ${ROOT}.`)
console.log('postgres: installed')

function fail(message) {
  console.error(`postgres: ${message}`)
  process.exit(1)
}
