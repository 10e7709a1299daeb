import { createContext } from 'react'
import type { Appearance } from './appearance/appearance'
import { en } from './localization/en'
import type { PlintoLocalization } from './localization/localization'

/** What the UI provider passes to every component: presentation only, never auth state. */
export interface UiOptions {
  appearance: Appearance | undefined
  localization: PlintoLocalization
  unstyled: boolean
  navigate: ((to: string) => void) | undefined
}

// Components also work under @plinto/react's provider alone: they then use these defaults.
export const UiContext = createContext<UiOptions>({
  appearance: undefined,
  localization: en,
  unstyled: false,
  navigate: undefined,
})
UiContext.displayName = 'PlintoUiContext'
