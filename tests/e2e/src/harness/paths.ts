import { fileURLToPath } from 'node:url'

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
/** The vanilla TypeScript example. */
export const VANILLA_EXAMPLE = fileURLToPath(new URL('../../../../examples/vanilla/', import.meta.url))
/** Screenshots land here (CI keeps `artifacts/`). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../artifacts/e2e/', import.meta.url))
