import { defineConfig } from 'tsup'

// One entry per domain file of the schemas (`@plinto/contract/auth`, `/user`, …) besides the barrel: a bundler
// splits an app's chunks by module, never inside one, and it places a module by the import graph, not by the
// names used. The SDK's main entry imports the domains sign-in and the session need from their own entries,
// and its lazily loaded chunks import the rest, so an app's first load carries only those schemas (measured
// by scripts/measure-first-load.mjs). Through the barrel every domain file would be reachable from the main
// entry, and a bundler would put the schemas of the lazy chunks into the chunk the app loads first.
const SCHEMA_DOMAINS = [
  'access-token-claims',
  'auth',
  'error-codes',
  'errors',
  'health',
  'mfa',
  'oauth',
  'organizations',
  'passkeys',
  'reauthentication',
  'sessions',
  'tokens',
  'user',
  'users',
] as const

const entry = {
  index: 'src/index.ts',
  webhooks: 'src/webhooks.ts',
  openapi: 'src/openapi/index.ts',
  ...Object.fromEntries(SCHEMA_DOMAINS.map((domain) => [domain, `src/${domain}.ts`])),
}

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
})
