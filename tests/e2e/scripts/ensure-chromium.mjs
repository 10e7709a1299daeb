#!/usr/bin/env node
// Makes sure Debian's Chromium is installed for the end-to-end tests. Playwright's own browser downloads
// are never used (`playwright install` needs hosts CI cannot reach); the tests drive /usr/bin/chromium.
// Installs it with apt when missing (scripts/apt-install.mjs).
import { existsSync } from 'node:fs'
import { aptInstall, fail } from '../../../scripts/apt-install.mjs'

const chromium = process.env.PLINTO_E2E_CHROMIUM || '/usr/bin/chromium'

if (existsSync(chromium)) {
  console.log(`e2e: using ${chromium}`)
  process.exit(0)
}
if (process.env.PLINTO_E2E_CHROMIUM) fail('e2e', `PLINTO_E2E_CHROMIUM points at ${chromium}, which does not exist.`)
aptInstall(['chromium'], {
  label: 'e2e',
  what: 'Chromium',
  manual: 'Install Chromium and set PLINTO_E2E_CHROMIUM to its executable.',
})
if (!existsSync(chromium)) fail('e2e', `apt installed chromium but ${chromium} does not exist.`)
console.log(`e2e: installed ${chromium}`)
