import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { PlintoClient, type PlintoClientOptions } from '@plinto/typescript-sdk'
import { InitialSnapshotContext, initialSnapshot, type PlintoInitialState } from './initial-state'
import { PlintoContext } from './plinto-context'

/**
 * Props of {@link PlintoProvider}: either a `client` you created (and own), or a `config` from which the
 * provider creates one client for its lifetime (and disposes it on unmount).
 *
 * @example
 * ```tsx
 * const props: PlintoProviderProps = { config: { apiUrl: 'https://api.example.com' }, children: <App /> }
 * ```
 */
export type PlintoProviderProps =
  | {
      /** A client you created; the provider never disposes it. It may change (the tree then uses the new one). */
      client: PlintoClient
      config?: never
      children?: ReactNode
      initialState?: PlintoInitialState
    }
  | {
      /** Options for the client the provider creates once, at mount. Later changes of `config` are ignored. */
      config: PlintoClientOptions
      client?: never
      children?: ReactNode
      /**
       * The server's view of the session (a framework that verified the request's session cookie, such as
       * `@plinto/nextjs`): the hooks render it on the server, during hydration and until the client has read
       * its own session, so the first paint is already signed in. Without it they render "loading" there.
       */
      initialState?: PlintoInitialState
    }

// Clients created from a `config` object, until their provider commits. React may call a component's
// render (and a useState initialiser) twice for one mount — Strict Mode in React 18 even throws away the
// hooks of the first pass — and both passes see the same props object. Keying by `config` makes both
// passes get the same client, so one mount creates one client and one refresh timer.
const pendingClients = new WeakMap<PlintoClientOptions, PlintoClient>()

function clientFor(config: PlintoClientOptions): PlintoClient {
  let client = pendingClients.get(config)
  if (!client) {
    client = new PlintoClient(config)
    pendingClients.set(config, client)
  }
  return client
}

/**
 * Makes a Plinto client available to the hooks and components below it. The context holds only the
 * client; every hook subscribes to the client's store with a selector, so the provider itself never
 * re-renders your tree.
 *
 * With `config`, the provider creates exactly one client (also under React Strict Mode, whose double
 * render and double mount create no second client and no second timer) and disposes it when it unmounts.
 * With `client`, you own the client: create it once at module level and the provider never disposes it.
 *
 * @example
 * ```tsx
 * import { PlintoClient } from '@plinto/typescript-sdk'
 * import { PlintoProvider } from '@plinto/react'
 *
 * const plintoClient = new PlintoClient({ apiUrl: 'https://api.example.com' })
 *
 * export function App() {
 *   return (
 *     <PlintoProvider client={plintoClient}>
 *       <Routes />
 *     </PlintoProvider>
 *   )
 * }
 * // or let the provider own it: <PlintoProvider config={{ apiUrl: 'https://api.example.com' }}>
 * ```
 */
export function PlintoProvider(props: PlintoProviderProps): ReactNode {
  const { client: external, children, initialState } = props
  const [owned, setOwned] = useState<{ client: PlintoClient; config: PlintoClientOptions } | null>(() =>
    props.client ? null : { client: clientFor(props.config), config: props.config },
  )
  // Incremented on every mount and unmount of the effect below: a dispose scheduled by an unmount only
  // runs if no mount followed it in the same tick.
  const generation = useRef(0)
  const disposed = useRef(false)

  useEffect(() => {
    if (!owned) return
    const { client, config } = owned
    pendingClients.delete(config)
    if (disposed.current) {
      // The effect was unmounted long enough for the client to be disposed (e.g. the subtree was hidden
      // by <Activity>) and is shown again: a disposed client cannot be revived, so start a new one.
      disposed.current = false
      setOwned({ client: new PlintoClient(config), config })
      return
    }
    const mounted = ++generation.current
    return () => {
      // Strict Mode (and Fast Refresh) unmount and mount again synchronously: wait a microtask before
      // disposing so that a remount keeps the same client, session and timer.
      generation.current++
      queueMicrotask(() => {
        if (generation.current !== mounted + 1) return
        disposed.current = true
        client.dispose()
      })
    }
  }, [owned])

  const client = external ?? owned?.client
  if (!client)
    throw new Error(
      '<PlintoProvider> needs a `client` or a `config` prop; it cannot switch from `client` to `config` after mounting.',
    )
  // Keyed by the values, not the object: a server component passes a new object on every render.
  const given = initialState !== undefined
  const { user = null, expiresAt, organizationId, organizationRole } = initialState ?? {}
  const initial = useMemo(
    () => initialSnapshot(given ? { user, expiresAt, organizationId, organizationRole } : undefined),
    [given, user, expiresAt, organizationId, organizationRole],
  )
  return (
    <PlintoContext.Provider value={client}>
      <InitialSnapshotContext.Provider value={initial}>{children}</InitialSnapshotContext.Provider>
    </PlintoContext.Provider>
  )
}
