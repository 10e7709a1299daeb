#!/usr/bin/env node
// Makes sure a PostgreSQL server is installed for the reference server's store tests, which start a
// throwaway cluster of their own (packages/server/src/__tests__/postgres-cluster.ts): Debian's package, installed
// with apt when missing (scripts/apt-install.mjs). Skipped when PLINTO_TEST_DATABASE_URL names a server
// to use instead.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { aptInstall, fail } from './apt-install.mjs'

const ROOT = '/usr/lib/postgresql'
const installed = () =>
  existsSync(ROOT) && readdirSync(ROOT).some((major) => existsSync(join(ROOT, major, 'bin', 'initdb')))

if (process.env.PLINTO_TEST_DATABASE_URL) {
  console.log('postgres: using PLINTO_TEST_DATABASE_URL')
  process.exit(0)
}
if (installed()) {
  console.log(`postgres: using ${ROOT}`)
  process.exit(0)
}
aptInstall(['postgresql'], {
  label: 'postgres',
  what: 'PostgreSQL',
  manual: 'Start a PostgreSQL server and set PLINTO_TEST_DATABASE_URL.',
  options: ['--no-install-recommends'],
})
if (!installed()) fail('postgres', `apt installed postgresql but there is no initdb under ${ROOT}.`)
console.log('postgres: installed')
