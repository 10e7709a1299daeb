import { useMemo, type ReactNode } from 'react'
import { PlintoProvider as HeadlessProvider, type PlintoProviderProps as HeadlessProviderProps } from '@plinto/react'
import type { Appearance } from './appearance/appearance'
import { enFirstPaint } from './localization/en-first-paint'
import type { LocalizationOverrides, PlintoLocalization } from './localization/localization'
import { mergeLocalization } from './localization/merge-localization'
import { ReauthenticationHost } from './reauthentication/reauthentication-host'
import { UiContext, type UiOptions } from './ui-context'

/**
 * Props of `@plinto/ui`'s {@link PlintoProvider}: those of `@plinto/react`'s provider (`client` or
 * `config`) plus app-wide presentation options.
 *
 * @example
 * ```tsx
 * const props: PlintoProviderProps = { client: plinto, localization: es, appearance: { theme: 'auto' } }
 * ```
 */
export type PlintoProviderProps = HeadlessProviderProps & {
  /** Look of every component below (components can override it). */
  appearance?: Appearance
  /** Text of every component: a whole language (`es`) or overrides of English. */
  localization?: PlintoLocalization | LocalizationOverrides
  /** Drop the library's class names everywhere (your `appearance.elements` classes stay). */
  unstyled?: boolean
  /**
   * How components change page after success (`redirectUrl`, `afterSignOutUrl`, …). Default
   * `window.location.assign`. Pass your router's push for client-side navigation.
   */
  navigate?: (to: string) => void
  /**
   * Ask the person to confirm it is them when the server refuses a sensitive action with `REAUTH_REQUIRED`, in a
   * `ReauthenticationDialog` (loaded when first needed), then run the action again. Default `true`; `false` when you
   * render the dialog yourself (`<ReauthenticationDialog />` or your own over `useReauthentication()`).
   */
  reauthentication?: boolean
}

/**
 * The provider of `@plinto/ui`: `@plinto/react`'s `PlintoProvider` (same
 * `client` / `config` props and behaviour) plus `appearance`, `localization`, `unstyled` and `navigate`
 * for every component below it.
 *
 * @example
 * ```tsx
 * import { PlintoProvider, SignIn, SignUp, UserButton, es } from '@plinto/ui'
 * import '@plinto/ui/styles.css'
 *
 * <PlintoProvider client={plintoClient} localization={es} navigate={(to) => router.push(to)}>
 *   <SignIn redirectUrl="/dashboard" />
 *   <SignUp redirectUrl="/dashboard" />
 *   <UserButton />
 * </PlintoProvider>
 * ```
 */
export function PlintoProvider({
  appearance,
  localization,
  unstyled = false,
  navigate,
  reauthentication = true,
  ...headless
}: PlintoProviderProps): ReactNode {
  const options = useMemo<UiOptions>(
    () => ({ appearance, localization: mergeLocalization(enFirstPaint, localization), unstyled, navigate }),
    [appearance, localization, unstyled, navigate],
  )
  return (
    <HeadlessProvider {...(headless as HeadlessProviderProps)}>
      <UiContext.Provider value={options}>
        {headless.children}
        {reauthentication ? <ReauthenticationHost /> : null}
      </UiContext.Provider>
    </HeadlessProvider>
  )
}
