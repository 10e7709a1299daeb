import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['react', '@plinto/typescript-sdk'],
  // Hooks and the provider only work in client components: frameworks with React Server Components read
  // this directive on the entry and keep the whole module on the client side.
  banner: { js: "'use client';" },
})
