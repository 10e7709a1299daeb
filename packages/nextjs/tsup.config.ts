import { defineConfig, type Options } from 'tsup'

// Three entries, bundled apart on purpose:
// - `client` is a client module: the `'use client'` banner marks the whole file, so Next.js keeps it (and
//   @plinto/ui) on the client side of the React Server Components boundary.
// - `index` (the root layout's <PlintoProvider>) is a server component that renders the client provider; it
//   imports `@plinto/nextjs/client` as a package import, never inlined, so the directive stays on its file.
// - `server` (gate, auth(), currentUser(), the session route) holds server code only and no directive.
// `dist` is emptied by the build script: the two builds run at once, and tsup's `clean` of one would race the other.
// The entries import each other by the package's own name (`@plinto/nextjs/server`): TypeScript and the tests
// resolve that to the sources. In dist it becomes the sibling file (`./server.js`, `./server.cjs`), never a
// copy: one `auth()` cache and one JWKS cache per request and process, and a bundler needs no self-reference.
const siblingEntries: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'plinto-nextjs-sibling-entries',
  setup(build) {
    const extension = build.initialOptions.format === 'cjs' ? 'cjs' : 'js'
    build.onResolve({ filter: /^@plinto\/nextjs\/(client|server)$/ }, (args) => ({
      path: `./${args.path.slice('@plinto/nextjs/'.length)}.${extension}`,
      external: true,
    }))
  },
}

const shared = {
  esbuildPlugins: [siblingEntries],
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral' as const,
  external: ['react', 'react-dom', 'next', /^next\//, /^@plinto\/(?!nextjs\/)/],
}

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', server: 'src/server/index.ts' } },
  { ...shared, entry: { client: 'src/client/index.ts' }, banner: { js: "'use client';" } },
])
