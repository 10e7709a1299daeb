import type { Decorator, Loader } from '@storybook/react-vite'
import { PlintoProvider, type PlintoProviderProps } from '../index'
import { loadPlinto, type PlintoStoryParameters } from './plinto-mock'
import { CANVAS_STYLE, type ColorScheme, splitThemeArgs, storyAppearance } from './theme-controls'

/** Storybook loader: the reference server reset and set up for the story, and a fresh client. */
export const plintoLoader: Loader = async ({ parameters }) =>
  loadPlinto(parameters.plinto as PlintoStoryParameters | undefined)

/**
 * Renders every story inside the UI provider with the client its loader prepared; `parameters.provider`
 * passes provider options (localization, appearance). The toolbar's color scheme (`globals.scheme`), the
 * bundled font and the theming controls (theme-controls.ts) become the provider's appearance, under the
 * story's own. Navigation is logged instead of leaving the page.
 */
export const withPlinto: Decorator = (Story, { loaded, parameters, globals, args }) => {
  const { appearance, ...provider } = (parameters.provider ?? {}) as Omit<PlintoProviderProps, 'client' | 'config'>
  const { variables, rest } = splitThemeArgs(args)
  const scheme: ColorScheme = globals.scheme === 'dark' ? 'dark' : 'light'
  const merged = storyAppearance(appearance, scheme, variables)
  const canvas = merged.theme === 'dark' ? 'dark' : 'light'
  return (
    <div
      data-story-canvas={canvas}
      style={{ minHeight: '100vh', padding: 32, colorScheme: canvas, ...CANVAS_STYLE[canvas] }}
    >
      <PlintoProvider
        client={loaded.client}
        navigate={(to) => console.info(`[story] navigate to ${to}`)}
        {...provider}
        appearance={merged}
      >
        <Story args={rest} />
      </PlintoProvider>
    </div>
  )
}
