import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

// The repository root. pnpm links the workspace packages (@plinto/ui, @plinto/typescript-sdk) from
// outside this app's folder, so Turbopack and output tracing must be allowed to read from there.
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url))

// Monorepo-only settings: an app that installs the packages from npm leaves this whole object empty.
const nextConfig: NextConfig = {
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  // `next build` bundles the packages' built dist/, while this repository type-checks the example against
  // their sources (`pnpm typecheck`, which runs for every package). Checking again here would tie the
  // build to every work-in-progress edit of the packages.
  typescript: { ignoreBuildErrors: true },
}

export default nextConfig
