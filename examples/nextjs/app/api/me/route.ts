import { NextResponse } from 'next/server'
import { getCurrentUser } from '../../../lib/current-user'

/**
 * `GET /api/me`: the signed-in user of this request, from the session cookie, as JSON (the verified
 * claims and the user); 401 when signed out. For your own client code or for `fetch` from another server
 * component; never cached.
 */
export async function GET() {
  const session = await getCurrentUser()
  if (!session) {
    return NextResponse.json(
      { error_code: 'UNAUTHORIZED', detail: 'Not signed in' },
      { status: 401, headers: { 'cache-control': 'no-store' } },
    )
  }
  return NextResponse.json(session, { headers: { 'cache-control': 'no-store' } })
}
