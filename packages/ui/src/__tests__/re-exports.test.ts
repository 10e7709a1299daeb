import * as react from '@plinto/react'
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import * as ui from '../index'

// @plinto/ui lists @plinto/react's exports by name (Next 15 refuses `export *` in a client module): a new export
// of @plinto/react must not be forgotten here.
test('@plinto/ui re-exports every value of @plinto/react, with its own PlintoProvider', () => {
  for (const name of Object.keys(react)) expect(ui, name).toHaveProperty(name)
  expect(ui.PlintoProvider).not.toBe(react.PlintoProvider)
  expect(ui.useUser).toBe(react.useUser)
})

test('and every type: each `export type`/`type X` name of @plinto/react is named in the list', () => {
  const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
  const reactIndex = source('../../../react/src/index.ts')
  const uiIndex = source('../index.ts')
  const typeNames = [...reactIndex.matchAll(/\btype (\w+)/g)].map((match) => match[1]!)
  expect(typeNames.length).toBeGreaterThan(10)
  for (const name of typeNames) expect(uiIndex, name).toMatch(new RegExp(`\\btype ${name}\\b`))
})
