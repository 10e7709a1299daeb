import type { Appearance } from './appearance'

/** Provider appearance overridden by a component's: its theme and variables win, element classes add up. */
export function mergeAppearance(outer: Appearance | undefined, inner: Appearance | undefined): Appearance {
  if (!inner) return outer ?? {}
  if (!outer) return inner
  const elements = { ...outer.elements }
  for (const [key, className] of Object.entries(inner.elements ?? {}) as [keyof typeof elements, string][]) {
    elements[key] = elements[key] ? `${elements[key]} ${className}` : className
  }
  return {
    theme: inner.theme ?? outer.theme,
    variables: { ...outer.variables, ...inner.variables },
    elements,
  }
}
