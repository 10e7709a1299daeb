import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  // Inside this monorepo, use the packages' TypeScript sources (no package build needed). An app that
  // installs @plinto/ui from npm leaves this out.
  resolve: { conditions: ['@plinto/source', ...defaultClientConditions] },
  // The reference server's defaults (`--app-url`, allowed origin, passkey RP ID) expect the app on
  // localhost:5173. `vite --host 127.0.0.1 --port N --strictPort` (the root `pnpm start`) overrides these.
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 5173, strictPort: true },
})
