import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { SCREENSHOT_DIR } from './paths'

// The visual baseline of the Storybook: one committed PNG per story and rendering (scheme, width), compared
// pixel by pixel with pixelmatch. `pnpm test:visual:update` (PLINTO_VISUAL_UPDATE=1) rewrites them on
// purpose; anywhere else, and always on CI, a missing or different baseline is a failure.

/** The committed baselines: `<story id>.<rendering>.png`. */
export const BASELINE_DIR = fileURLToPath(new URL('../../visual-baselines/', import.meta.url))
/** Where a failed comparison writes `<name>.actual.png`, `<name>.diff.png` and a copy of the baseline. */
export const VISUAL_ARTIFACT_DIR = join(SCREENSHOT_DIR, 'visual')
/** The command that refreshes the baselines, named in every failure. */
export const UPDATE_COMMAND = 'pnpm test:visual:update'

/**
 * pixelmatch's per-pixel color distance (0–1) under which two pixels count as equal; anti-aliased pixels
 * are told apart and ignored (pixelmatch's default). With fonts and rendering pinned, a run on the same
 * machine image gives identical pixels; the threshold only absorbs invisible color rounding.
 */
const PIXEL_THRESHOLD = 0.1
/** How many pixels beyond the threshold a story may differ by: none. A 1 px layout change fails. */
const MAX_DIFFERENT_PIXELS = 0

/** Whether this run rewrites the baselines (`pnpm test:visual:update`). Refused on CI. */
export function updatingBaselines(): boolean {
  if (process.env.PLINTO_VISUAL_UPDATE !== '1') return false
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error('PLINTO_VISUAL_UPDATE=1 on CI: baselines are refreshed on purpose, on a developer machine')
  return true
}

const fileName = (name: string) => `${name.replace(/[^\w.-]+/g, '-')}.png`

/**
 * Re-encodes a screenshot as the smallest PNG pngjs writes: RGB without alpha (screenshots are opaque),
 * maximum deflate. Baselines stay a few kilobytes each.
 */
function compact(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 2, deflateLevel: 9 })
}

export interface VisualCheck {
  /**
   * Compares (or, when updating, stores) one screenshot; returns a failure message or undefined. With
   * `artifacts: false` a failure writes no images (a first attempt that the caller will retry).
   */
  check(name: string, screenshot: Buffer, options?: { artifacts?: boolean }): Promise<string | undefined>
  /**
   * The baselines that are none of `names` (every story × rendering there is), as failure messages: a story
   * was renamed or removed. Updating deletes them instead, so the folder never keeps dead images.
   */
  staleBaselines(names: Iterable<string>): Promise<string[]>
}

/**
 * A comparison session over `baselineDir` ({@link BASELINE_DIR}); failures write to `artifactDir`
 * ({@link VISUAL_ARTIFACT_DIR}).
 */
export function visualCheck({
  update,
  baselineDir = BASELINE_DIR,
  artifactDir = VISUAL_ARTIFACT_DIR,
}: {
  update: boolean
  baselineDir?: string
  artifactDir?: string
}): VisualCheck {
  const writeArtifact = async (name: string, kind: 'actual' | 'expected' | 'diff', png: PNG) => {
    await mkdir(artifactDir, { recursive: true })
    const path = join(artifactDir, fileName(`${name}.${kind}`))
    await writeFile(path, PNG.sync.write(png))
    return path
  }
  return {
    async check(name, screenshot, { artifacts = true } = {}) {
      const file = fileName(name)
      const baselinePath = join(baselineDir, file)
      const actual = PNG.sync.read(screenshot)
      if (!existsSync(baselinePath)) {
        if (update) {
          await mkdir(baselineDir, { recursive: true })
          await writeFile(baselinePath, compact(actual))
          return undefined
        }
        const written = artifacts ? `; screenshot: ${await writeArtifact(name, 'actual', actual)}` : ''
        return `${name}: no visual baseline (tests/e2e/visual-baselines/${file}). A new story? Run \`${UPDATE_COMMAND}\` and commit the PNG${written}`
      }
      const expected = PNG.sync.read(await readFile(baselinePath))
      const sameSize = expected.width === actual.width && expected.height === actual.height
      let different = 0
      let diff: PNG | undefined
      if (sameSize) {
        diff = new PNG({ width: actual.width, height: actual.height })
        different = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
          threshold: PIXEL_THRESHOLD,
        })
        if (different <= MAX_DIFFERENT_PIXELS) return undefined
      }
      // Different: keep the old file untouched unless it really changed, so an update run leaves
      // unchanged stories' baselines byte for byte as they were.
      if (update) {
        await writeFile(baselinePath, compact(actual))
        return undefined
      }
      if (!artifacts) return `${name}: looks different from its visual baseline`
      const actualPath = await writeArtifact(name, 'actual', actual)
      await writeArtifact(name, 'expected', expected)
      const what = sameSize
        ? `${different} pixels differ (diff: ${await writeArtifact(name, 'diff', diff!)})`
        : `size ${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height}`
      return `${name}: looks different from its visual baseline: ${what}; actual: ${actualPath}. If the change is intended, run \`${UPDATE_COMMAND}\` and commit the PNGs.`
    },
    async staleBaselines(names) {
      const wanted = new Set([...names].map(fileName))
      const stale = existsSync(baselineDir)
        ? (await readdir(baselineDir)).filter((file) => file.endsWith('.png') && !wanted.has(file))
        : []
      if (update) {
        await Promise.all(stale.map((file) => rm(join(baselineDir, file))))
        return []
      }
      return stale.map(
        (file) =>
          `tests/e2e/visual-baselines/${file}: no story renders it any more. Run \`${UPDATE_COMMAND}\` to remove it.`,
      )
    },
  }
}
