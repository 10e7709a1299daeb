import { appendFileSync } from 'node:fs'
import { afterAll, afterEach, vi } from 'vitest'
import { conformance, instrumentApp } from './openapi-conformance'

// Every app the server suite creates (directly, through test helpers or through startServer) checks its
// responses against the OpenAPI document: a response the document does not describe fails the test that
// caused it. Production code is untouched; only this test setup wraps createPlintoApp.
vi.mock('../../app', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../app')>()
  return {
    ...original,
    createPlintoApp: (...args: Parameters<typeof original.createPlintoApp>) =>
      instrumentApp(original.createPlintoApp(...args)),
  }
})

afterEach(() => {
  const violations = conformance.violations.splice(0)
  if (violations.length > 0)
    throw new Error(`Responses the OpenAPI document does not describe:\n${violations.join('\n')}`)
})

// PLINTO_OPENAPI_STATS=<file> appends what this test file checked (one JSON line per file).
afterAll(() => {
  const file = process.env.PLINTO_OPENAPI_STATS
  if (file)
    appendFileSync(
      file,
      `${JSON.stringify({ checked: conformance.checked, operations: [...conformance.operations] })}\n`,
    )
})
