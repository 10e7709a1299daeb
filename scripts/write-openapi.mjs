#!/usr/bin/env node
// Writes the contract's OpenAPI 3.1 document (generated from the zod schemas of @plinto/contract) for
// users who generate clients in other languages: `pnpm openapi` → docs/openapi.json, or
// `pnpm openapi <file> [--api-base-path /api/v1] [--server-url https://auth.example.com]`.
// docs/openapi.json is committed so it can be read without a build; a contract test fails when it is stale.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createOpenApiDocument } from '../packages/contract/dist/openapi.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'api-base-path': { type: 'string' }, 'server-url': { type: 'string' } },
})
const file = resolve(positionals[0] ?? new URL('../docs/openapi.json', import.meta.url).pathname)
const document = createOpenApiDocument({ apiBasePath: values['api-base-path'], serverUrl: values['server-url'] })
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`)
console.log(`openapi: wrote ${file} (${Object.keys(document.paths).length} paths)`)
