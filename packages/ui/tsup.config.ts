import { defineConfig, type Options } from 'tsup'

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

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', ...components, styles: 'src/styles.css' },
    format: ['esm'],
    splitting: true,
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
  },
  // CommonJS (require) gets one file: no bundler splits it anyway.
  { ...shared, entry: { index: 'src/index.ts' }, format: ['cjs'], dts: { entry: { index: 'src/index.ts' } } },
])
