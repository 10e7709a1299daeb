import { useServerReachable } from '../hooks/use-server-reachable'

/**
 * "Can't reach the Plinto server. Retrying…" while background requests fail for a transient reason. The
 * user stays signed in meanwhile. The status region is always in the page (empty when all is well), so
 * screen readers announce the message when it appears.
 */
export function OfflineBanner() {
  const reachable = useServerReachable()
  return (
    <div role="status" className={reachable ? 'banner-slot' : 'banner banner-warning'}>
      {reachable ? null : "Can't reach the Plinto server. Retrying… You are still signed in."}
    </div>
  )
}
