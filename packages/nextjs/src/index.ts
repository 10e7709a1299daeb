/**
 * `@plinto/nextjs`: Plinto auth for the Next.js App Router (Next 15 and 16). This entry holds the root layout's
 * {@link PlintoProvider}; the server side (the gate, `auth()`, `currentUser()`, the session route) is in
 * `@plinto/nextjs/server`, the client components in `@plinto/nextjs/client`, and `@plinto/ui`'s components work
 * as in any React app.
 *
 * @example
 * ```tsx
 * // app/layout.tsx
 * import { PlintoProvider } from '@plinto/nextjs'
 *
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return (
 *     <html lang="en">
 *       <body>
 *         <PlintoProvider>{children}</PlintoProvider>
 *       </body>
 *     </html>
 *   )
 * }
 * ```
 *
 * @packageDocumentation
 */
export { PlintoProvider, type PlintoProviderProps } from './plinto-provider'
