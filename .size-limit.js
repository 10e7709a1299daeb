// Size budgets, printed and enforced by `pnpm size` (size-limit, esbuild + gzip) in CI.
//
// The core budget is for the main chunk: what every app downloads. Code that the SDK loads on first use
// through `import()` — the WebAuthn ceremony with @simplewebauthn/browser, the OAuth redirect flow, and the
// account-management modules — is kept out of it (size-limit bundles without splitting, so those chunks are
// marked external here) and measured on its own below.
const LAZY_CORE_CHUNKS = ['./passkey-ceremony.lazy-*', './oauth-flow.lazy-*', './management.lazy-*']
// Measured as ESM, the format browsers and bundlers load: bundling with external `import()`s as an IIFE
// would add interop helpers (`__toESM`, `__require`) that no consumer's build contains.
const excludeLazyChunks = (config) => ({
  ...config,
  format: 'esm',
  external: [...(config.external ?? []), ...LAZY_CORE_CHUNKS],
})

export default [
  {
    name: '@plinto/typescript-sdk — main chunk (zod/mini included; lazily loaded chunks excluded)',
    path: 'packages/core/dist/index.js',
    modifyEsbuildConfig: excludeLazyChunks,
    limit: '15 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk — everything, lazily loaded chunks included',
    path: 'packages/core/dist/index.js',
    limit: '22 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk/schemas',
    path: 'packages/core/dist/schemas.js',
    limit: '10 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk/server — verifyWebhookSignature alone',
    path: 'packages/core/dist/server.js',
    import: '{ verifyWebhookSignature }',
    limit: '1.5 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk/server — whole entry (jose included)',
    path: 'packages/core/dist/server.js',
    limit: '10 KB',
    gzip: true,
  },
  {
    name: '@plinto/ui — PlintoProvider + SignIn + SignUp + UserButton (React external, core included)',
    path: 'packages/ui/dist/index.js',
    import: '{ PlintoProvider, SignIn, SignUp, UserButton }',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    modifyEsbuildConfig: excludeLazyChunks,
    limit: '30 KB',
    gzip: true,
  },
  {
    // What a Next.js app's client bundle gets from @plinto/nextjs itself: the client provider, the cookie sync
    // and RedirectWhenSignedIn (the server entry never reaches the browser). @plinto/ui, the SDK, React and Next
    // are the app's own dependencies, measured above.
    name: '@plinto/nextjs/client — its own code (@plinto/ui, SDK, React, Next external)',
    path: 'packages/nextjs/dist/client.js',
    ignore: ['react', 'react-dom', 'react/jsx-runtime', 'next', '@plinto/ui', '@plinto/typescript-sdk'],
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: [...(config.external ?? []), 'next/*'] }),
    limit: '2 KB',
    gzip: true,
  },
]
