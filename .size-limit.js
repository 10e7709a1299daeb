// Size budgets of whole entries, printed and enforced by `pnpm size` (size-limit, esbuild + gzip) in CI.
//
// What an app downloads first — the SDK's sign-in flow, and PlintoProvider + SignIn + SignUp + UserButton — is
// measured by scripts/measure-first-load.mjs (run by `pnpm size` first), bundled as an app bundles it: with code
// splitting, the entry plus every chunk it loads statically, each gzipped on its own. It replaced the two
// entries that stood here for those budgets, which bundled the SDK's main chunk alone (the lazily loaded chunks
// marked external) and so missed what the shared chunks carry. What stays here is measured whole.
export default [
  {
    name: '@plinto/typescript-sdk — everything, lazily loaded chunks included',
    path: 'packages/core/dist/index.js',
    // 22 KB until this release's four account capabilities, each mostly in a lazily loaded chunk: re-authentication
    // (auth.reauthenticate and its chunk, the REAUTH_REQUIRED retry), connected accounts (the link flow in the
    // oauth-flow chunk, listIdentities/unlinkIdentity in the management chunk), phone verification and email codes
    // (management chunk, schemas, error codes): 21.9 → 23.19 kB. The first load is budgeted apart
    // (scripts/measure-first-load.mjs) and barely moved (10.77 → 11.84 kB of 15).
    limit: '24 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk/schemas',
    path: 'packages/core/dist/schemas.js',
    // Every wire schema. 10 KB until the phone, email-code, re-authentication and connected-accounts schemas
    // (10.01 kB); an app imports it only to validate on its own server.
    limit: '10.5 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk/server — verifyWebhookSignature alone',
    path: 'packages/core/dist/server.js',
    import: '{ verifyWebhookSignature }',
    // PlintoError builds its set of known error codes on first use, so a bundle that never maps one (this) drops
    // the code lists, and new server error codes no longer grow it (1.52 → 1.20 kB).
    limit: '1.5 KB',
    gzip: true,
  },
  {
    name: '@plinto/typescript-sdk/server — whole entry (jose included)',
    path: 'packages/core/dist/server.js',
    // Server-side code (Node, edge middleware), where a few hundred bytes cost nothing at first paint. 10 KB until
    // this release added typed organization claims with has(), webhook events checked for replay and returned
    // typed, and the rate-limit budget on errors (9.57 → 10.01 kB); the next 0.5 kB is headroom for the same kind.
    limit: '10.5 KB',
    gzip: true,
  },
  {
    // What a Next.js app's client bundle gets from @plinto/nextjs itself: the client provider, the cookie sync
    // and RedirectWhenSignedIn (the server entry never reaches the browser). @plinto/ui, the SDK, React and Next
    // are the app's own dependencies, measured on their own (scripts/measure-first-load.mjs and above).
    name: '@plinto/nextjs/client — its own code (@plinto/ui, SDK, React, Next external)',
    path: 'packages/nextjs/dist/client.js',
    ignore: ['react', 'react-dom', 'react/jsx-runtime', 'next', '@plinto/ui', '@plinto/typescript-sdk'],
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', external: [...(config.external ?? []), 'next/*'] }),
    limit: '2 KB',
    gzip: true,
  },
]
