/**
 * `@plinto/nextjs/client`: the client components of `@plinto/nextjs` (this entry is a `'use client'` module).
 * The root layout's `<PlintoProvider>` from `@plinto/nextjs` renders {@link PlintoClientProvider} for you; use
 * {@link RedirectWhenSignedIn} on the sign-in page and {@link useSessionSync} where client code must wait for
 * the server to know about a sign-in.
 *
 * @example
 * ```tsx
 * 'use client'
 * import { RedirectWhenSignedIn } from '@plinto/nextjs/client'
 * import { SignIn } from '@plinto/ui'
 *
 * export const SignInFlow = () => (
 *   <RedirectWhenSignedIn redirectUrl="/dashboard">
 *     <SignIn />
 *   </RedirectWhenSignedIn>
 * )
 * ```
 *
 * @packageDocumentation
 */
export type { TokenStorageMode } from './browser-client'
export { PlintoClientProvider, useSessionSync, type PlintoClientProviderProps } from './client-provider'
export { RedirectWhenSignedIn, type RedirectWhenSignedInProps } from './redirect-when-signed-in'
export type { SessionSync } from './session-cookie-sync'
