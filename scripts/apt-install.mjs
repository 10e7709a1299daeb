// Installs Debian packages with apt for the test suites' own set-up scripts (ensure-chromium.mjs,
// ensure-postgres.mjs): as root directly, otherwise through sudo when that works without a password.
// Anything else stops with a message that says what to run. Quiet on success; apt's output on failure.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * Installs `packages` (e.g. `['chromium']`) with `apt-get install -y`, after `apt-get update`. `label`
 * prefixes every message (`e2e`, `postgres`); `manual` is the advice printed when this machine cannot
 * install them itself (no apt, or no root and no password-less sudo); `options` go to `apt-get install`
 * (e.g. `--no-install-recommends`). Exits the process on failure.
 */
export function aptInstall(packages, { label, what, manual, options = [] }) {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get'))
    fail(label, `${what} is missing and this is not a Debian/Ubuntu machine. ${manual}`)
  const isRoot = process.getuid?.() === 0
  const hasSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  if (!isRoot && !hasSudo)
    fail(
      label,
      `${what} is missing and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    )

  console.log(`${label}: installing ${what} with apt (about half a minute)…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...options, ...packages],
  ]) {
    const command = isRoot ? 'apt-get' : 'sudo'
    const argv = isRoot ? args : ['-n', '--preserve-env=DEBIAN_FRONTEND', 'apt-get', ...args]
    const run = spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    if (run.status !== 0) {
      process.stderr.write(run.stdout ?? '')
      process.stderr.write(run.stderr ?? '')
      fail(label, `\`apt-get ${args.join(' ')}\` failed (exit ${run.status ?? run.signal}).`)
    }
  }
}

/** Prints `label: message` and exits 1. */
export function fail(label, message) {
  console.error(`${label}: ${message}`)
  process.exit(1)
}
