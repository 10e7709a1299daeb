// Shared by the server provider and the client's cookie sync (bundled into both: a pure function, no state).

/**
 * The part of a session the server's rendering depends on (user, session, organization and role), as one
 * comparable string. The client compares the view of each token it sends with the view the page was rendered
 * for, and re-renders the server components when it changed (signed in or out, organization switched, role
 * changed at a refresh).
 */
export function viewOfClaims(claims: Record<string, unknown> | null): string | null {
  if (claims === null) return null
  return JSON.stringify([claims.sub, claims.sid, claims.org_id ?? null, claims.org_role ?? null])
}

/**
 * {@link viewOfClaims} of a token's payload, decoded without verification: it only decides whether to
 * re-render; the server verifies every token it uses.
 */
export function viewOfToken(token: string | null): string | null {
  if (token === null) return null
  try {
    const payload = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')
    return viewOfClaims(JSON.parse(atob(payload)) as Record<string, unknown>)
  } catch {
    return 'unreadable'
  }
}
