#!/usr/bin/env node
// Runs a vitest suite and ends with one plain line, `LABEL: N passed, N failed[, N skipped]`, which CI reads
// to count tests (vitest's own summary is not a format it knows). Usage: run-vitest.mjs LABEL [vitest args].
// Exits non-zero when vitest does, when any test failed, or when no test ran at all.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'

const [label = 'tests', ...givenArgs] = process.argv.slice(2)
// pnpm 12 passes the `--` of `pnpm test:e2e -- FILTER` on, and vitest would ignore the filters after it.
const separator = givenArgs.indexOf('--')
const vitestArgs = separator === -1 ? givenArgs : givenArgs.toSpliced(separator, 1)
// Absolute: vitest resolves a relative outputFile against the config's root, which a suite may move.
const report = resolve('artifacts', `vitest-${label}.json`)
rmSync(report, { force: true }) // never read a stale report from an earlier run

const run = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs],
  { stdio: 'inherit', shell: process.platform === 'win32' },
)
if (!existsSync(report)) {
  console.error(`vitest wrote no report (exit ${run.status ?? run.signal})`)
  process.exit(run.status || 1)
}
const r = JSON.parse(readFileSync(report, 'utf8'))
const passed = r.numPassedTests ?? 0
const failed = r.numFailedTests ?? 0
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
console.log(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (passed + failed === 0) {
  console.error('vitest ran no test')
  process.exit(1)
}
process.exit(run.status || (failed > 0 ? 1 : 0))
