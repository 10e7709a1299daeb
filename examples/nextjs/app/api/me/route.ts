import { auth, currentUser } from '@plinto/nextjs/server'

const NO_STORE = { 'cache-control': 'no-store' }

/** `GET /api/me`: the verified claims and the user of this request; 401 when signed out (the gate answers first). */
export async function GET() {
  const { claims } = await auth()
  const user = await currentUser()
  if (!user)
    return Response.json({ error_code: 'UNAUTHORIZED', detail: 'Not signed in' }, { status: 401, headers: NO_STORE })
  return Response.json({ claims, user }, { headers: NO_STORE })
}
