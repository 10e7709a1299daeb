import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  entry: { index: 'src/index.ts', node: 'src/node.ts', bin: 'src/bin.ts' },
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  target: 'node20',
  platform: 'node',
  // Shared chunks: `@plinto/server` and `@plinto/server/node` hold one copy of the store and error classes.
  splitting: true,
  // `import.meta.url` in the CommonJS build (routes/openapi-viewers.ts resolves the viewers' packages with it).
  shims: true,
}

export default defineConfig([
  { ...shared, format: ['esm'], sourcemap: true, clean: true },
  // tsup's CommonJS splitting rewrites the ESM chunks after esbuild, and the maps it writes for them point
  // at the output file itself (by absolute path) instead of src/: worse than none, so CommonJS ships without.
  { ...shared, format: ['cjs'], sourcemap: false },
])
