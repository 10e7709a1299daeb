import { useMemo } from 'react'
import type { MfaModule, MfaStatus } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useMfa} returns: the MFA status and the factor actions of `client.mfa`, each of which
 * refreshes the status before it resolves.
 *
 * @example
 * ```tsx
 * const { data: status, enableTotp, verifyTotp }: UseMfaResult = useMfa()
 * ```
 */
export interface UseMfaResult
  extends QueryResult<MfaStatus>,
    Pick<
      MfaModule,
      'enableTotp' | 'verifyTotp' | 'disableTotp' | 'regenerateBackupCodes' | 'enableSms' | 'verifySms' | 'disableSms'
    > {}

/**
 * The signed-in user's second factors (`{ enabled, methods, backup_codes_remaining }`) and the actions to
 * set them up: TOTP (authenticator app, with a QR code and backup codes), SMS, backup codes. Actions
 * throw `PlintoError` (`INVALID_MFA_CODE` for a wrong code).
 *
 * @example
 * ```tsx
 * function TwoStep() {
 *   const { data: status, enableTotp, verifyTotp } = useMfa()
 *   const [setup, setSetup] = useState<TotpSetupResponse>()
 *   if (status?.methods.includes('totp')) return <p>Authenticator app: on</p>
 *   return setup ? (
 *     <form
 *       onSubmit={(e) => {
 *         e.preventDefault()
 *         void verifyTotp(new FormData(e.currentTarget).get('code') as string)
 *       }}
 *     >
 *       <img src={setup.qr_code} alt="QR code for your authenticator app" />
 *       <input name="code" autoComplete="one-time-code" />
 *     </form>
 *   ) : (
 *     <button onClick={async () => setSetup(await enableTotp())}>Set up an authenticator app</button>
 *   )
 * }
 * ```
 */
export function useMfa(): UseMfaResult {
  const client = useRequiredClient('useMfa')
  const { userId } = useAccountKeys('useMfa')
  const query = useQuery('useMfa', userId && `mfa:${userId}`, () => client.mfa.getStatus())
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    const { mfa } = client
    const then =
      <A extends unknown[], R>(action: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const result = await action(...args)
        await cache.invalidate('mfa:')
        return result
      }
    return {
      enableTotp: mfa.enableTotp,
      verifyTotp: then(mfa.verifyTotp),
      disableTotp: then(mfa.disableTotp),
      regenerateBackupCodes: then(mfa.regenerateBackupCodes),
      enableSms: mfa.enableSms,
      verifySms: then(mfa.verifySms),
      disableSms: then(mfa.disableSms),
    }
  }, [client])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}
