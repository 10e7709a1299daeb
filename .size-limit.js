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
    // 22 KB until re-authentication (auth.reauthenticate and its lazy chunk, the REAUTH_REQUIRED retry through
    // onReauthenticationRequired, isReauthenticationRequired) and connected accounts (the link flow in the
    // oauth-flow chunk, listIdentities/unlinkIdentity in the management chunk). The first load is budgeted apart
    // (scripts/measure-first-load.mjs) and the new code is in lazily loaded chunks.
    limit: '22.5 KB',
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
    // PlintoError carries the list of known error codes, so each new server error code (here
    // IDENTITY_ALREADY_LINKED and LAST_SIGN_IN_METHOD: 1.50 → 1.52 kB) grows this entry a little.
    limit: '1.6 KB',
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
