import { PlintoError } from '../errors'

// Code that only account screens need is loaded with `import()` on first use (see ./management.lazy). These two
// helpers keep that invisible to callers: the public modules keep their shape and every method still just
// returns a promise.

/**
 * Runs `load` once and shares its promise with every caller, including concurrent ones. A failure is not
 * kept: it rejects the callers that waited for it, as `NETWORK_ERROR` (retryable, since a failed chunk
 * download is a network problem), and the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined
      throw new PlintoError('NETWORK_ERROR', 'Could not load part of the Plinto SDK; try again', {
        cause,
        retryable: true,
      })
    }))
}

/**
 * An object with the methods named in `methods`, each of which awaits `load()` and calls the loaded
 * module's method of that name. `methods` lists every method of `T` (the compiler checks both ways), so
 * a method added to a module cannot be forgotten here.
 *
 * Why a list and not a `Proxy` (measured: a Proxy facade is 0.17 kB gzip smaller, the names being the
 * difference): the result is a plain object like the modules were before — `Object.keys`, spreading and
 * devtools show the methods, a misspelt method is `undefined` rather than a function that fails later — and
 * it has no accidental `then` (a Proxy that answers every property would make `await plinto.mfa` call into
 * the chunk).
 */
export function lazyMethods<T extends { [K in keyof T]: (...args: never[]) => Promise<unknown> }>(
  load: () => Promise<T>,
  methods: Record<keyof T, true>,
): T {
  const facade = {} as Record<keyof T, unknown>
  for (const name in methods) facade[name] = async (...args: never[]) => (await load())[name](...args)
  return facade as T
}
