import type { HTMLAttributes } from 'react'

/**
 * Attributes passed through to a component's root element (`id`, `className`, `style`, `data-*`,
 * `aria-*`, event handlers): the component composes them with its own.
 *
 * @example
 * ```tsx
 * <SignIn id="login" className="my-card" data-testid="sign-in" />
 * ```
 */
export type RootAttributes = Omit<HTMLAttributes<HTMLDivElement>, 'title' | 'children' | 'lang'>
