import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', styles: 'src/styles.css' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['react', 'react-dom', '@plinto/react', '@plinto/typescript-sdk'],
  // Components use hooks and browser events; RSC frameworks keep a 'use client' entry on the client.
  banner: { js: "'use client';" },
})
