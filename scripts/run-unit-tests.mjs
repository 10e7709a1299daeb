#!/usr/bin/env node
// Runs the workspace's vitest suite and ends with one plain line, `tests: N passed, N failed[, N skipped]`,
// which CI reads to count tests (vitest's own summary is not a format it knows). Exits non-zero when vitest
// does, when any test failed, or when no test ran at all.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const report = 'artifacts/vitest.json'
rmSync(report, { force: true }) // never read a stale report from an earlier run

const run = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
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
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
if (passed + failed === 0) {
  console.error('vitest ran no test')
  process.exit(1)
}
process.exit(run.status || (failed > 0 ? 1 : 0))
