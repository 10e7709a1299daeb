import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  // Inside this monorepo, use the SDK's TypeScript sources (no package build needed). An app that
  // installs @plinto/typescript-sdk from npm leaves this out.
  resolve: { conditions: ['@plinto/source', ...defaultClientConditions] },
  // The reference server's defaults (`--app-url`, allowed origin) expect the app on localhost:5173.
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 5173, strictPort: true },
})
