import type { LocalizationOverrides, PlintoLocalization } from './localization'

/**
 * `base` with `overrides` applied one level deep per section (the shape is two levels deep, so this is a
 * full deep merge). Returns `base` itself when there is nothing to apply, keeping memoised values stable.
 */
export function mergeLocalization<Base extends Partial<PlintoLocalization>>(
  base: Base,
  overrides: LocalizationOverrides | undefined,
): Base {
  if (!overrides) return base
  const merged = { ...base } as Record<string, unknown>
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    const current = merged[key]
    merged[key] =
      typeof value === 'object' && value !== null && typeof current === 'object'
        ? { ...current, ...Object.fromEntries(Object.entries(value).filter(([, text]) => text !== undefined)) }
        : value
  }
  return merged as unknown as Base
}
