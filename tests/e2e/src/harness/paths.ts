import { fileURLToPath } from 'node:url'

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
/** The vanilla TypeScript example. */
export const VANILLA_EXAMPLE = fileURLToPath(new URL('../../../../examples/vanilla/', import.meta.url))
/** The React single-page app on @plinto/ui. */
export const REACT_EXAMPLE = fileURLToPath(new URL('../../../../examples/react-vite/', import.meta.url))
/** The Next.js App Router example. */
export const NEXT_EXAMPLE = fileURLToPath(new URL('../../../../examples/nextjs/', import.meta.url))
/** Screenshots land here (CI keeps `artifacts/`). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../artifacts/e2e/', import.meta.url))
