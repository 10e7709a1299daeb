import type { ResponseSchema } from './http'
import { loadOnce } from './modules/lazy'

// The seam between the main chunk and the validation chunk (./validation.lazy, zod and the schemas of the
// main chunk's calls and of the stored session). Nothing starts the download at client creation: that would
// only move the same bytes before the first call. It starts with the first response to validate (alongside
// its request, see ./http) or the first stored record to read (./session/persisted-record).

/** The validation chunk, as `import()` gives it. */
export type Validators = typeof import('./validation.lazy')

/**
 * A schema of the validation chunk, named by picking it from the loaded chunk (`(v) => v.user`): the main
 * chunk names schemas this way instead of importing them, which would pull zod into it.
 */
export type LazySchema<T> = (validators: Validators) => ResponseSchema<T>

/**
 * The validation chunk, downloaded once per page and shared by every client. A failed download rejects the
 * callers waiting for it with a retryable `NETWORK_ERROR` and is not kept: the next caller downloads again.
 */
export const validators: () => Promise<Validators> = /* @__PURE__ */ loadOnce(() => import('./validation.lazy'))
