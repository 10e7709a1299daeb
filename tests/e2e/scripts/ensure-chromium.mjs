#!/usr/bin/env node
// Makes sure Debian's Chromium is installed for the end-to-end tests. Playwright's own browser downloads
// are never used (`playwright install` needs hosts CI cannot reach); the tests drive /usr/bin/chromium.
// Installs it with apt when missing: as root directly, otherwise through sudo when that works without a
// password. Anything else stops with a message that says what to run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.PLINTO_E2E_CHROMIUM || '/usr/bin/chromium'

if (existsSync(chromium)) {
  console.log(`e2e: using ${chromium}`)
  process.exit(0)
}
if (process.env.PLINTO_E2E_CHROMIUM) fail(`PLINTO_E2E_CHROMIUM points at ${chromium}, which does not exist.`)
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  fail('Chromium is missing and this is not a Debian/Ubuntu machine. Install Chromium and set PLINTO_E2E_CHROMIUM to its executable.')
}

const isRoot = process.getuid?.() === 0
const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
if (!isRoot && !hasSudo) {
  fail('Chromium is missing and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y chromium')
}

console.log('e2e: installing Chromium with apt (about half a minute)…')
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
  const command = isRoot ? 'apt-get' : 'sudo'
  const argv = isRoot ? args : ['-n', '--preserve-env=DEBIAN_FRONTEND', 'apt-get', ...args]
  // Quiet on success; apt's own output is printed when it fails.
  const run = spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.status !== 0) {
    process.stderr.write(run.stdout ?? '')
    process.stderr.write(run.stderr ?? '')
    fail(`\`apt-get ${args.join(' ')}\` failed (exit ${run.status ?? run.signal}).`)
  }
}
if (!existsSync(chromium)) fail(`apt installed chromium but ${chromium} does not exist.`)
console.log(`e2e: installed ${chromium}`)

function fail(message) {
  console.error(`e2e: ${message}`)
  process.exit(1)
}
