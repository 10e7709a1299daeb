/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the Plinto API, e.g. `https://auth.example.com`. Default `http://localhost:8000`. */
  readonly VITE_PLINTO_API_URL?: string
  /** `localStorage` (default) or `cookie` (refresh token in an HttpOnly cookie, never visible to JavaScript). */
  readonly VITE_PLINTO_TOKEN_STORAGE?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
