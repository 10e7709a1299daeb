import { useSyncExternalStore } from 'react'
import type {
  PlintoClient,
  PlintoError,
  ReauthenticateInput,
  ReauthenticationHandler,
  ReauthenticationMethod,
} from '@plinto/typescript-sdk'
import { useRequiredClient } from './use-required-client'

/**
 * A call the server refused with `REAUTH_REQUIRED`, waiting for the person to prove again who they are. Render a
 * dialog for it: {@link PendingReauthentication.reauthenticate} with what they entered (the refused call is then
 * sent again, once), or {@link PendingReauthentication.cancel} (the call rejects with `REAUTH_CANCELLED`).
 *
 * @example
 * ```tsx
 * const pending: PendingReauthentication | null = useReauthentication()
 * if (pending?.methods.includes('password')) await pending.reauthenticate({ password })
 * ```
 */
export interface PendingReauthentication {
  /** The ways this account can re-authenticate; empty when it has none (the person must sign in again). */
  methods: ReauthenticationMethod[]
  /** The `REAUTH_REQUIRED` error of the refused call. */
  error: PlintoError
  /**
   * Sends the proof (`plinto.auth.reauthenticate`). Resolves once it was accepted, and the refused call goes out
   * again; rejects with the server's answer (`INVALID_CREDENTIALS`, `INVALID_MFA_CODE`, `RATE_LIMITED`…) and stays
   * pending, so the dialog can say what went wrong and let the person try again.
   */
  reauthenticate(input: ReauthenticateInput): Promise<void>
  /** Gives up: the refused call rejects with `REAUTH_CANCELLED`. */
  cancel(): void
}

interface ReauthenticationController {
  subscribe(listener: () => void): () => void
  getSnapshot(): PendingReauthentication | null
}

// One controller per client, created on first use: the provider needs no prop for it, and every component that
// calls the hook sees the same pending request.
const controllers = new WeakMap<PlintoClient, ReauthenticationController>()

function controllerFor(client: PlintoClient): ReauthenticationController {
  let controller = controllers.get(client)
  if (controller) return controller
  let pending: PendingReauthentication | null = null
  let removeHandler: (() => void) | undefined
  const listeners = new Set<() => void>()
  const show = (next: PendingReauthentication | null) => {
    pending = next
    for (const listener of listeners) listener()
  }
  const handler: ReauthenticationHandler = ({ methods, error }) =>
    new Promise<void>((resolve, reject) => {
      const request: PendingReauthentication = {
        methods,
        error,
        async reauthenticate(input) {
          await client.auth.reauthenticate(input)
          if (pending === request) show(null)
          resolve()
        },
        cancel() {
          if (pending === request) show(null)
          // The client turns this into the refused call's REAUTH_CANCELLED.
          reject(new Error('The person cancelled the re-authentication'))
        },
      }
      show(request)
    })
  controller = {
    getSnapshot: () => pending,
    subscribe(listener) {
      listeners.add(listener)
      // The client waits for a dialog only while something can show one: without a mounted hook a refused call
      // answers REAUTH_REQUIRED at once instead of hanging.
      if (listeners.size === 1) removeHandler = client.setReauthenticationHandler(handler)
      return () => {
        listeners.delete(listener)
        if (listeners.size > 0) return
        removeHandler?.()
        removeHandler = undefined
        pending?.cancel()
      }
    },
  }
  controllers.set(client, controller)
  return controller
}

const none = () => null

/**
 * The call waiting for a re-authentication, or `null`. While a component using this hook is mounted, a call that
 * the server refuses with `REAUTH_REQUIRED` (a sensitive operation, and the session signed in too long ago) does
 * not fail at once: it waits until the person re-authenticates in the dialog you render for the pending request,
 * then it is sent again, once. @plinto/ui's provider mounts such a dialog for you (`ReauthenticationDialog`).
 *
 * @example
 * ```tsx
 * function ConfirmItIsYou() {
 *   const pending = useReauthentication()
 *   const [password, setPassword] = useState('')
 *   if (!pending) return null
 *   return (
 *     <form onSubmit={(e) => { e.preventDefault(); void pending.reauthenticate({ password }) }}>
 *       <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
 *       <button type="submit">Confirm</button>
 *       <button type="button" onClick={pending.cancel}>Cancel</button>
 *     </form>
 *   )
 * }
 * ```
 */
export function useReauthentication(): PendingReauthentication | null {
  const controller = controllerFor(useRequiredClient('useReauthentication'))
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot, none)
}
