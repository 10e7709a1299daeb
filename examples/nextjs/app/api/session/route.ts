import { sessionRoute } from '@plinto/nextjs/server'

// Keeps the app's HttpOnly `plinto_session` cookie in step with the browser's session (the provider calls it).
export const { POST, DELETE } = sessionRoute()
