import { createContext } from 'react'
import type { Appearance } from './appearance/appearance'
import { enFirstPaint } from './localization/en-first-paint'
import type { FirstPaintLocalization, LocalizationOverrides } from './localization/localization'

/** What the UI provider passes to every component: presentation only, never auth state. */
export interface UiOptions {
  appearance: Appearance | undefined
  // The first paint's sections in full, the others as overridden (deep-partial): components outside the first
  // paint merge them over their own defaults (see useUi).
  localization: FirstPaintLocalization & LocalizationOverrides
  unstyled: boolean
  navigate: ((to: string) => void) | undefined
}

// Components also work under @plinto/react's provider alone: they then use these defaults.
export const UiContext = createContext<UiOptions>({
  appearance: undefined,
  localization: enFirstPaint,
  unstyled: false,
  navigate: undefined,
})
UiContext.displayName = 'PlintoUiContext'
