import { PlintoClient } from '@plinto/typescript-sdk'

const STORAGE_TYPES = ['localStorage', 'cookie'] as const
type StorageType = (typeof STORAGE_TYPES)[number]

/** The configuration this app runs with, from Vite's environment variables (read at build time). */
export const config = {
  apiUrl: (import.meta.env.VITE_PLINTO_API_URL || 'http://localhost:8000').replace(/\/+$/, ''),
  tokenStorage: parseStorage(import.meta.env.VITE_PLINTO_TOKEN_STORAGE),
}

function parseStorage(value: string | undefined): StorageType {
  if (!value) return 'localStorage'
  if ((STORAGE_TYPES as readonly string[]).includes(value)) return value as StorageType
  throw new Error(`VITE_PLINTO_TOKEN_STORAGE must be one of ${STORAGE_TYPES.join(', ')}, got "${value}"`)
}

/**
 * One client for the whole app, created once at module level and handed to `<PlintoProvider client>`.
 * It restores the stored session on its own (in cookie mode, from the HttpOnly refresh cookie),
 * refreshes the access token before it expires and keeps tabs in sync.
 */
export const plinto = new PlintoClient({
  apiUrl: config.apiUrl,
  tokenStorage: { type: config.tokenStorage },
  session: { autoRefresh: true, refreshThreshold: 60 },
})
