import { basename } from 'node:path'
import { defineConfig, type Options } from 'tsup'

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number]

// Every component is an entry of the ESM build, with the code they share split into chunks: an app that
// loads a page lazily (say its account page) gets that page's components (UserProfile) in the page's chunk
// instead of its main one. A bundler can only split modules, and one bundled index.js is one module.
const components = {
  'plinto-provider': 'src/plinto-provider.tsx',
  'sign-in': 'src/sign-in/sign-in.tsx',
  'sign-up': 'src/sign-up/sign-up.tsx',
  'user-button': 'src/user-button/user-button.tsx',
  'forgot-password': 'src/forgot-password/forgot-password.tsx',
  'reset-password': 'src/reset-password/reset-password.tsx',
  'verify-email': 'src/verify-email/verify-email.tsx',
  'auth-callback': 'src/auth-callback/auth-callback.tsx',
  'organization-switcher': 'src/organization/organization-switcher.tsx',
  'create-organization': 'src/organization/create-organization.tsx',
  'organization-profile': 'src/organization/organization-profile.tsx',
  'user-profile': 'src/user-profile/user-profile.tsx',
  'mfa-setup': 'src/user-profile/mfa-setup.tsx',
  'passkey-setup': 'src/user-profile/passkey-setup.tsx',
  'phone-verification': 'src/phone-verification/phone-verification.tsx',
}

const shared: Options = {
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['react', 'react-dom', '@plinto/react', '@plinto/typescript-sdk'],
  // Components use hooks and browser events; RSC frameworks keep a 'use client' entry on the client.
  // Every file of the ESM build carries it, chunks included: any of them may be the first one loaded.
  banner: { js: "'use client';" },
}

// The account dialogs that UserButton and OrganizationSwitcher open with import() (and the re-authentication dialog). They are built on their own
// (below) and the ESM build imports them as external files, because an app's bundler assigns a module to the
// chunks of every entry that reaches it statically, and index.js re-exports UserProfile: a dialog chunk that
// imported UserProfile's shared chunk would make that chunk part of the first load of every app with a
// UserButton (+7.4 kB). Self-contained, a dialog shares nothing with the first load but React, @plinto/react
// and the SDK (external); it receives the provider's presentation options as a prop (its copy of the UI
// context is not the provider's). An app that also renders <UserProfile/> itself downloads its code twice,
// once in its page and once in the dialog, only if it opens both.
const DIALOGS = {
  'user-profile-dialog': 'src/user-button/user-profile-dialog.tsx',
  'organization-profile-dialog': 'src/organization/organization-profile-dialog.tsx',
  // The same for the re-authentication dialog, which PlintoProvider's host imports (index.js re-exports it too).
  'reauthentication-host-dialog': 'src/reauthentication/reauthentication-host-dialog.tsx',
}
const externalDialogs: EsbuildPlugin = {
  name: 'external-dialogs',
  setup(build) {
    build.onResolve({ filter: /\/((user|organization)-profile|reauthentication-host)-dialog$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: `./${basename(args.path)}.js`, external: true } : undefined,
    )
  },
}

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', ...components, styles: 'src/styles.css' },
    format: ['esm'],
    splitting: true,
    esbuildPlugins: [externalDialogs],
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
  },
  { ...shared, entry: DIALOGS, format: ['esm'], splitting: false },
  // CommonJS (require) gets one file: no bundler splits it anyway.
  { ...shared, entry: { index: 'src/index.ts' }, format: ['cjs'], dts: { entry: { index: 'src/index.ts' } } },
])
