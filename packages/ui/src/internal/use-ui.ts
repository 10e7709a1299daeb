import { useContext, useMemo, type CSSProperties } from 'react'
import type { Appearance, AppearanceElement } from '../appearance/appearance'
import { mergeAppearance } from '../appearance/merge-appearance'
import { variablesStyle } from '../appearance/variables-style'
import type { AccountLocalization, LocalizationOverrides, PlintoLocalization } from '../localization/localization'
import { mergeLocalization } from '../localization/merge-localization'
import { UiContext } from '../ui-context'

/**
 * Presentation props every component takes.
 *
 * @example
 * ```tsx
 * const props: PresentationProps = { appearance: { theme: 'dark' }, localization: { signIn: { title: 'Log in' } } }
 * ```
 */
export interface PresentationProps {
  /** Overrides the provider's appearance for this component. */
  appearance?: Appearance
  /** Overrides (deep-partial) of the provider's text for this component. */
  localization?: LocalizationOverrides
  /** Drop the library's class names (your `appearance.elements` classes stay). */
  unstyled?: boolean
}

/** Resolved presentation: text, class names per element, and the root's attributes. */
export interface Ui {
  t: PlintoLocalization
  /** Class names of an element: the library's (unless unstyled) plus `appearance.elements`. */
  cx: (element: AppearanceElement, modifier?: string) => string | undefined
  rootProps: {
    className: string | undefined
    style: CSSProperties | undefined
    lang: string
    'data-plinto-theme': string
  }
  navigate: (to: string) => void
}

const kebab = (element: string) => element.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

const assign = (to: string) => window.location.assign(to)

/**
 * Merges the provider's presentation options with a component's props.
 *
 * The provider holds the text of the first paint (SignIn, SignUp, UserButton) in full and of the other sections
 * only what the app overrode, so that the first load carries only the first paint's strings
 * (../localization/en-first-paint). A component that shows other sections passes their defaults as `account`
 * (`enAccount`, which it imports itself); the first paint's components pass nothing and read only their sections.
 */
export function useUi(
  { appearance, localization, unstyled }: PresentationProps,
  className?: string,
  style?: CSSProperties,
  account?: AccountLocalization,
): Ui {
  const context = useContext(UiContext)
  const t = useMemo(() => {
    const base = account ? mergeLocalization(account, context.localization) : context.localization
    // Without `account` the other sections are absent or partial: the first paint's components never read them.
    return mergeLocalization(base as PlintoLocalization, localization)
  }, [account, context.localization, localization])
  const merged = useMemo(() => mergeAppearance(context.appearance, appearance), [context.appearance, appearance])
  const bare = unstyled ?? context.unstyled
  return useMemo(() => {
    const cx = (element: AppearanceElement, modifier?: string) => {
      const own = bare ? [] : [`plinto-${kebab(element)}`, modifier && `plinto-${kebab(element)}--${modifier}`]
      return [...own, merged.elements?.[element]].filter(Boolean).join(' ') || undefined
    }
    const rootClass = [cx('root'), className].filter(Boolean).join(' ') || undefined
    const variables = variablesStyle(merged.variables)
    return {
      t,
      cx,
      rootProps: {
        className: rootClass,
        style: variables || style ? { ...variables, ...style } : undefined,
        lang: t.locale,
        'data-plinto-theme': merged.theme ?? 'light',
      },
      navigate: context.navigate ?? assign,
    }
  }, [t, merged, bare, className, style, context.navigate])
}
