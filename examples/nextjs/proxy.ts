import { plintoMiddleware } from '@plinto/nextjs/server'

// Signed out, these pages redirect to /sign-in?redirect_url=… and these API routes answer 401 JSON.
export default plintoMiddleware({ protectedRoutes: ['/dashboard(.*)', '/org-admin(.*)', '/api/me'] })

// Next's own files and static assets skip the gate.
export const config = { matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'] }
