// The text of `plinto-server --help`.

export const HELP = `Usage: plinto-server [options]
       plinto-server dead-letters [list | requeue (ID | --all)] [storage]   (see dead-letters --help)

Runs the Plinto reference server: the wire contract's API (auth, sessions, users, organizations, MFA,
passkeys, OAuth, webhooks), JWKS, health, and in development/test the dev outbox and dev OAuth provider.

Options (environment variable in brackets; flags win):
  --port N                  Port to listen on, 0 for any free port      [PLINTO_PORT]    default 8000
  --host HOST               Interface to bind                          [PLINTO_HOST]    default 127.0.0.1
  --mode MODE               development | test | production            [PLINTO_MODE]    default development
  --data-dir DIR            Keep all data (users, orgs, keys, …) in DIR [PLINTO_DATA_DIR]
  --memory                  Keep data in memory only (lost on exit)    [PLINTO_MEMORY=1]
  --database-url URL        Keep all data in PostgreSQL (postgres://user:password@host:5432/db)
                                                                       [DATABASE_URL]
  --access-token-ttl SECS   Access token lifetime                      [PLINTO_ACCESS_TOKEN_TTL] default 3600
  --refresh-token-ttl SECS  Refresh token lifetime                     [PLINTO_REFRESH_TOKEN_TTL] default 2592000
  --reauthentication-max-age SECS
                            How recently a session must have signed in or re-authenticated for sensitive
                            operations                                 [PLINTO_REAUTHENTICATION_MAX_AGE] default 600
  --rate-limit on|off       Contract rate limits                       [PLINTO_RATE_LIMIT] default on (off in test mode)
  --allowed-origin URL      CORS origin allowed with credentials; repeat for more
                                                                       [PLINTO_ALLOWED_ORIGINS, comma-separated]
  --app-url URL             Base URL of the app that email links open  [PLINTO_APP_URL] default http://localhost:5173
  --public-url URL          This server's public base URL (behind a TLS-terminating proxy); OAuth callback
                            URLs are built from it                     [PLINTO_PUBLIC_URL] default the request origin
  --allowed-redirect-url URL
                            Exact URL OAuth redirect_uri and magic-link redirect_url may name; repeat for more
                                                                       [PLINTO_ALLOWED_REDIRECT_URLS, comma-separated]
                                                                       default APP_URL/auth/callback
  --webhook-url URL         Endpoint that receives events; pair each with --webhook-secret (same order)
  --webhook-secret S        HMAC-SHA256 key of the X-Plinto-Signature of the matching --webhook-url
                                                                       [PLINTO_WEBHOOK_URL + PLINTO_WEBHOOK_SECRET, one pair]
  --rp-id ID                WebAuthn relying-party ID                  [PLINTO_RP_ID]   default the APP_URL host
  --rp-name NAME            WebAuthn relying-party name                [PLINTO_RP_NAME] default Plinto
  --origin URL              Origin WebAuthn responses may come from; repeat for more
                                                                       [PLINTO_ORIGINS, comma-separated] default the APP_URL origin
  --email-codes on|off      Offer emailed 6-digit sign-in and verification codes
                                                                       [PLINTO_EMAIL_CODES] default off
  --secret-key KEY          32+ characters; encrypts TOTP secrets at rest [PLINTO_SECRET_KEY]
  --oauth-github-client-id ID / --oauth-github-client-secret S
  --oauth-google-client-id ID / --oauth-google-client-secret S
  --oauth-microsoft-client-id ID / --oauth-microsoft-client-secret S
                            OAuth app credentials; a provider is offered only with both
                                                                       [PLINTO_OAUTH_GITHUB_CLIENT_ID, …_SECRET, same for GOOGLE, MICROSOFT]
  --oauth-apple-client-id SERVICES_ID / --oauth-apple-team-id ID / --oauth-apple-key-id ID
  --oauth-apple-private-key-file FILE
                            Sign in with Apple: all four, the key file is the .p8 from Apple
                                                                       [PLINTO_OAUTH_APPLE_CLIENT_ID, …_TEAM_ID, …_KEY_ID, …_PRIVATE_KEY_FILE]
  --config FILE             JSON file with any createPlintoApp config option (webhooks, oauth, …);
                            flags and environment variables win over it [PLINTO_CONFIG]
  -h, --help                Show this help

Storage: one of --data-dir, --database-url and --memory. With none, development and test mode keep data
in memory; production mode refuses to start (pass --data-dir or --database-url, or --memory to accept
losing everything on exit). PostgreSQL tables (plinto_*) are created and upgraded at start.

Webhooks: events are stored with the change that caused them and delivered from the store (at least once,
retried with backoff across restarts, by one instance when several share a database). Deliveries that spent
every attempt are dead letters: plinto-server dead-letters lists them and re-queues one or all.
`
