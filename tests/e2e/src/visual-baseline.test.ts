import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { updatingBaselines, visualCheck } from './harness/visual-baseline'

// The comparison behind the Storybook visual baseline (harness/visual-baseline.ts), on small images made
// here: what passes, what fails and what it leaves for a person to look at.

/** A `width`×`height` opaque PNG, gray, with the pixels of `dots` black. */
function image(width: number, height: number, dots: Array<[number, number]> = []): Buffer {
  const png = new PNG({ width, height })
  png.data.fill(0xf3)
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 0xff
  for (const [x, y] of dots) png.data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
  return PNG.sync.write(png)
}

let baselineDir: string
let artifactDir: string
beforeEach(async () => {
  const root = await mkdtemp(join(tmpdir(), 'plinto-visual-'))
  baselineDir = join(root, 'baselines')
  artifactDir = join(root, 'artifacts')
})
afterEach(async () => {
  await rm(join(baselineDir, '..'), { recursive: true, force: true })
})

describe('visual baseline comparison', () => {
  test('a story without a baseline fails, names the update command and creates no baseline', async () => {
    const check = visualCheck({ update: false, baselineDir, artifactDir })
    const failure = await check.check('components-signin--empty.light', image(8, 8))
    expect(failure).toMatch(/no visual baseline .*components-signin--empty\.light\.png.*pnpm test:visual:update/)
    expect(existsSync(baselineDir)).toBe(false)
    expect(await readdir(artifactDir)).toEqual(['components-signin--empty.light.actual.png'])
  })

  test('updating writes the baseline (RGB, compressed), and the same pixels then pass', async () => {
    await visualCheck({ update: true, baselineDir, artifactDir }).check('story.light', image(8, 8, [[1, 1]]))
    const stored = PNG.sync.read(await readFile(join(baselineDir, 'story.light.png')))
    expect(stored.width).toBe(8)
    expect(
      await visualCheck({ update: false, baselineDir, artifactDir }).check('story.light', image(8, 8, [[1, 1]])),
    ).toBeUndefined()
    expect(existsSync(artifactDir)).toBe(false)
  })

  test('one changed pixel fails with the actual, expected and diff images written', async () => {
    await visualCheck({ update: true, baselineDir, artifactDir }).check('story.dark', image(8, 8))
    const failure = await visualCheck({ update: false, baselineDir, artifactDir }).check(
      'story.dark',
      image(8, 8, [[4, 4]]),
    )
    expect(failure).toMatch(/story\.dark: looks different from its visual baseline: 1 pixels differ/)
    expect((await readdir(artifactDir)).sort()).toEqual([
      'story.dark.actual.png',
      'story.dark.diff.png',
      'story.dark.expected.png',
    ])
    const diff = PNG.sync.read(await readFile(join(artifactDir, 'story.dark.diff.png')))
    const at = (4 * 8 + 4) * 4
    expect([...diff.data.subarray(at, at + 3)]).toEqual([255, 0, 0]) // the changed pixel, in red
  })

  test('a different size fails', async () => {
    await visualCheck({ update: true, baselineDir, artifactDir }).check('story.narrow', image(8, 8))
    expect(await visualCheck({ update: false, baselineDir, artifactDir }).check('story.narrow', image(8, 9))).toMatch(
      /size 8×9, baseline 8×8/,
    )
  })

  test('an update leaves an unchanged baseline byte for byte, and rewrites a changed one', async () => {
    await visualCheck({ update: true, baselineDir, artifactDir }).check('a.light', image(8, 8))
    await visualCheck({ update: true, baselineDir, artifactDir }).check('b.light', image(8, 8))
    // A baseline written by another encoder: same pixels, other bytes.
    await writeFile(join(baselineDir, 'a.light.png'), image(8, 8))
    const before = await readFile(join(baselineDir, 'a.light.png'))
    const update = visualCheck({ update: true, baselineDir, artifactDir })
    expect(await update.check('a.light', image(8, 8))).toBeUndefined()
    expect(await update.check('b.light', image(8, 8, [[0, 0]]))).toBeUndefined()
    expect((await readFile(join(baselineDir, 'a.light.png'))).equals(before)).toBe(true)
    expect(
      await visualCheck({ update: false, baselineDir, artifactDir }).check('b.light', image(8, 8, [[0, 0]])),
    ).toBeUndefined()
  })

  test('baselines of stories that are gone fail, and an update deletes them', async () => {
    const update = visualCheck({ update: true, baselineDir, artifactDir })
    await update.check('kept.light', image(4, 4))
    await update.check('removed.light', image(4, 4))
    expect(await visualCheck({ update: false, baselineDir, artifactDir }).staleBaselines(['kept.light'])).toEqual([
      'tests/e2e/visual-baselines/removed.light.png: no story renders it any more. Run `pnpm test:visual:update` to remove it.',
    ])
    expect(await update.staleBaselines(['kept.light'])).toEqual([])
    expect(await readdir(baselineDir)).toEqual(['kept.light.png'])
  })

  test('updating is refused on CI', () => {
    const saved = { CI: process.env.CI, update: process.env.PLINTO_VISUAL_UPDATE }
    try {
      process.env.PLINTO_VISUAL_UPDATE = '1'
      process.env.CI = 'true'
      expect(() => updatingBaselines()).toThrow(/on CI/)
      process.env.CI = ''
      expect(updatingBaselines()).toBe(true)
      delete process.env.PLINTO_VISUAL_UPDATE
      expect(updatingBaselines()).toBe(false)
    } finally {
      for (const [key, value] of [
        ['CI', saved.CI],
        ['PLINTO_VISUAL_UPDATE', saved.update],
      ] as const)
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
    }
  })
})
