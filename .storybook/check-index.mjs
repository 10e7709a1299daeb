#!/usr/bin/env node
// Checks a static Storybook build: its index.json must hold every story exported by the stories files,
// and every component @plinto/ui exports must have stories. `node .storybook/check-index.mjs DIR`.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const outputDir = process.argv[2] ?? 'storybook-static'
const storiesDir = fileURLToPath(new URL('../packages/ui/src/stories/', import.meta.url))
const uiIndex = fileURLToPath(new URL('../packages/ui/src/index.ts', import.meta.url))

// Storybook's id rules (storybook/internal/csf: sanitize + storyNameFromExport).
const sanitize = (value) =>
  value
    .toLowerCase()
    .replace(/[ ’–—―′¿'`~!@#$%^&*()_|+\-=?;:'",.<>{}[\]\\/]/gi, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
const storyName = (exportName) =>
  exportName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')

const expected = []
const titles = new Set()
for (const file of readdirSync(storiesDir).filter((name) => name.endsWith('.stories.tsx'))) {
  const source = readFileSync(join(storiesDir, file), 'utf8')
  const title = source.match(/title: '([^']+)'/)?.[1]
  if (!title) throw new Error(`${file}: no title`)
  titles.add(title.split('/').at(-1))
  for (const [, name] of source.matchAll(/^export const (\w+)/gm))
    expected.push(`${sanitize(title)}--${sanitize(storyName(name))}`)
}

const index = JSON.parse(readFileSync(join(outputDir, 'index.json'), 'utf8'))
const built = new Set(
  Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map((entry) => entry.id),
)
const missing = expected.filter((id) => !built.has(id))

// Components: the PascalCase value exports of @plinto/ui's own files (not the re-exports of @plinto/react).
const components = [
  ...readFileSync(uiIndex, 'utf8').matchAll(/^export \{ ([A-Z]\w+), type \w+Props \} from '\.\/(?!plinto-provider)/gm),
].map((match) => match[1])
const withoutStories = components.filter((name) => !titles.has(name))

if (expected.length === 0 || missing.length || withoutStories.length) {
  if (missing.length) console.error(`Stories missing from ${outputDir}/index.json:\n  ${missing.join('\n  ')}`)
  if (withoutStories.length) console.error(`Components without stories: ${withoutStories.join(', ')}`)
  if (expected.length === 0) console.error('No stories found.')
  process.exit(1)
}
console.log(
  `storybook: ${built.size} stories built, all ${expected.length} exported stories present, ${components.length} components covered`,
)
