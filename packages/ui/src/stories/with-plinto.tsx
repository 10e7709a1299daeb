import type { Decorator, Loader } from '@storybook/react-vite'
import { PlintoProvider, type PlintoProviderProps } from '../index'
import { loadPlinto, type PlintoStoryParameters } from './plinto-mock'

/** Storybook loader: the reference server reset and set up for the story, and a fresh client. */
export const plintoLoader: Loader = async ({ parameters }) =>
  loadPlinto(parameters.plinto as PlintoStoryParameters | undefined)

/**
 * Renders every story inside the UI provider with the client its loader prepared; `parameters.provider`
 * passes provider options (localization, appearance). Navigation is logged instead of leaving the page.
 */
export const withPlinto: Decorator = (Story, { loaded, parameters }) => {
  const provider = (parameters.provider ?? {}) as Omit<PlintoProviderProps, 'client' | 'config'>
  const dark = provider.appearance?.theme === 'dark'
  return (
    <div style={{ minHeight: '100vh', padding: 32, background: dark ? '#030712' : '#f3f4f6' }}>
      <PlintoProvider client={loaded.client} navigate={(to) => console.info(`[story] navigate to ${to}`)} {...provider}>
        <Story />
      </PlintoProvider>
    </div>
  )
}
