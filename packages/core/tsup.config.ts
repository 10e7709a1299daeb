import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', server: 'src/server/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  // Shared chunks keep the schemas entry from duplicating code that the main entry also holds.
  splitting: true,
  treeshake: true,
})
