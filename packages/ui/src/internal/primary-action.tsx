// One primary button per pane: the action of the form the person is working on. A pane is a scope; a form (or
// a step such as the backup codes) claims it when focus enters it, or as soon as it appears when it opens on
// request (MFA set-up, a code confirmation). While another part of the pane holds the claim, a form's submit
// renders secondary. When the holder goes away the claim is released and the pane is at rest again: every
// always-visible form's submit is primary, and a pane holds at most one such form (profile or password).

import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react'

interface PrimaryActionScopeValue {
  holder: string | null
  claim: (id: string) => void
  release: (id: string) => void
}

const PrimaryActionScopeContext = createContext<PrimaryActionScopeValue | null>(null)

/** The scope of one pane (or dialog): who holds its primary button. Outside any scope every form is primary. */
export function PrimaryActionScope({ children }: { children: ReactNode }) {
  const [holder, setHolder] = useState<string | null>(null)
  const claim = useCallback((id: string) => setHolder(id), [])
  const release = useCallback((id: string) => setHolder((current) => (current === id ? null : current)), [])
  const value = useMemo(() => ({ holder, claim, release }), [holder, claim, release])
  return <PrimaryActionScopeContext.Provider value={value}>{children}</PrimaryActionScopeContext.Provider>
}

/**
 * A part of the pane that may hold its primary button: `primary` says whether its main button renders primary
 * now; `claim` takes the pane's primary (on focus or input). With `claimOnMount` the part claims as it appears.
 */
export function usePrimaryAction({ claimOnMount = false }: { claimOnMount?: boolean } = {}) {
  const scope = useContext(PrimaryActionScopeContext)
  const id = useId()
  const claim = scope?.claim
  const release = scope?.release
  useEffect(() => {
    if (claimOnMount) claim?.(id)
    return () => release?.(id)
  }, [claimOnMount, claim, release, id])
  return {
    primary: !scope || scope.holder === null || scope.holder === id,
    claim: useCallback(() => claim?.(id), [claim, id]),
  }
}

/** What a form tells its submit button: whether it renders primary (see {@link usePrimaryAction}). */
export const FormPrimaryContext = createContext(true)
