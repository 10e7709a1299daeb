import type { ArgTypes } from '@storybook/react-vite'
import type { Appearance, AppearanceVariables } from '../index'

// Storybook's theming controls: every `appearance.variables` token as a control on every story (argTypes
// declared in .storybook/preview.ts), and the color scheme as a toolbar global. The stories' decorator
// (with-plinto.tsx) turns them into the provider's `appearance`, so whatever a designer sets applies to
// every component the story shows. Args belong to a story (Storybook resets them on switching stories);
// the Theming/Gallery story shows every component at once, so one change is seen everywhere.

/** The color schemes of the toolbar toggle (`globals.scheme`). */
export const COLOR_SCHEMES = ['light', 'dark'] as const
export type ColorScheme = (typeof COLOR_SCHEMES)[number]

/**
 * The font every story renders with: Inter (variable weights), bundled from `@fontsource-variable/inter`
 * by .storybook/preview.ts, so screenshots never depend on the machine's system fonts.
 */
export const STORY_FONT = '"Inter Variable", sans-serif'

const COLOR_VARIABLES = [
  'colorPrimary',
  'colorPrimaryText',
  'colorBackground',
  'colorText',
  'colorTextSecondary',
  'colorDanger',
  'colorSuccess',
  'colorBorder',
  'colorInputBackground',
  'colorInputText',
] as const satisfies readonly (keyof AppearanceVariables)[]
const LENGTH_VARIABLES = ['radius', 'fontSize', 'spacing'] as const satisfies readonly (keyof AppearanceVariables)[]
const VARIABLES = [...COLOR_VARIABLES, ...LENGTH_VARIABLES, 'fontFamily'] as const

// A compile-time check that the list above names every token: a token added to AppearanceVariables
// without a control here fails the typecheck.
type Missing = Exclude<keyof AppearanceVariables, (typeof VARIABLES)[number]>
const everyVariable: Missing extends never ? true : Missing = true
void everyVariable

const CATEGORY = 'Theme: appearance.variables (all stories)'

/** The controls, one per token, grouped under one category of the Controls panel. Unset = the default. */
export const themeArgTypes: Partial<ArgTypes> = Object.fromEntries([
  ...COLOR_VARIABLES.map((name) => [
    name,
    { control: { type: 'color' }, description: `appearance.variables.${name}`, table: { category: CATEGORY } },
  ]),
  ...LENGTH_VARIABLES.map((name) => [
    name,
    {
      control: { type: 'text' },
      description: `appearance.variables.${name} (a CSS length, e.g. 12px or 1.125rem)`,
      table: { category: CATEGORY },
    },
  ]),
  [
    'fontFamily',
    {
      control: { type: 'select' },
      options: [STORY_FONT, 'Georgia, serif', '"Courier New", monospace', 'system-ui, sans-serif'],
      description: 'appearance.variables.fontFamily',
      table: { category: CATEGORY },
    },
  ],
])

/**
 * Splits a story's args into the theming controls and the rest (the component's own props), so the
 * components never receive the controls as props.
 */
export function splitThemeArgs(args: Record<string, unknown>): {
  variables: Partial<AppearanceVariables>
  rest: Record<string, unknown>
} {
  const variables: Partial<AppearanceVariables> = {}
  const rest: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(args)) {
    if ((VARIABLES as readonly string[]).includes(name)) {
      if (typeof value === 'string' && value !== '') variables[name as keyof AppearanceVariables] = value
    } else rest[name] = value
  }
  return { variables, rest }
}

/**
 * The provider appearance of a story: the story's own (`parameters.provider.appearance`) over the
 * defaults of the Storybook session (bundled font, toolbar scheme), with the designer's controls on top.
 * A story that sets a theme itself (the DarkTheme stories) keeps it whatever the toolbar says.
 */
export function storyAppearance(
  own: Appearance | undefined,
  scheme: ColorScheme,
  controls: Partial<AppearanceVariables>,
): Appearance {
  return {
    ...own,
    theme: own?.theme ?? scheme,
    variables: { fontFamily: STORY_FONT, ...own?.variables, ...controls },
  }
}

/** The page behind the components: a neutral gray in light, near black in dark, with readable text on it. */
export const CANVAS_STYLE: Record<ColorScheme, { background: string; color: string }> = {
  light: { background: '#f3f4f6', color: '#111827' },
  dark: { background: '#030712', color: '#f9fafb' },
}
