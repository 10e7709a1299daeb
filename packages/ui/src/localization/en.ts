// One language's every string is in two files, in the order of localization.ts: ./en-first-paint (what SignIn,
// SignUp and UserButton show) and ./en-account (the rest), so that an app's first load carries only the first.

import type { PlintoLocalization } from './localization'
import { enAccount } from './en-account'
import { enFirstPaint } from './en-first-paint'

/**
 * English text, the default of every component.
 *
 * @example
 * ```tsx
 * <PlintoProvider client={plinto} localization={{ ...en, signIn: { ...en.signIn, title: 'Welcome back' } }}>
 * ```
 */
// A call marked pure rather than `{ ...enFirstPaint, ...enAccount }`: bundlers keep a spread they cannot prove
// free of getters, and with it ./en-account, in every app, even one that never imports `en`.
export const en: PlintoLocalization = /* @__PURE__ */ Object.assign({}, enFirstPaint, enAccount)
