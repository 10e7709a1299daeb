// The PostgreSQL store's schema, as versioned migrations applied at start.
//
// Every record field the store filters, joins, orders or updates by is a typed column: ids and foreign keys
// (text), normalised email/username/slug, token hashes, times (bigint Unix milliseconds, as the records
// carry them), counters and flags. The only jsonb columns hold values that are JSON documents in the
// records themselves and are never queried inside: a signing key's JWKs and a challenge's kind-specific
// `data`. Rows that belong to a user or an organization reference it with ON DELETE CASCADE, so deleting a
// user or an organization takes everything of it in one statement. `seq` (an identity column) keeps the
// order in which rows were added, which is the order the memory store lists them in.
import type { SqlClient } from './sql-client'
import type { TableNames } from './sql'

/**
 * One schema change. Applied versions are recorded in `plinto_migrations`; a migration never changes
 * once released (add a new one instead).
 */
export interface PostgresMigration {
  version: number
  name: string
  statements: (t: TableNames) => string[]
}

export const MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: (t) => [
      `CREATE TABLE ${t.users} (
        id text PRIMARY KEY,
        email text NOT NULL,
        email_normalized text NOT NULL CONSTRAINT plinto_users_email_key UNIQUE,
        email_verified boolean NOT NULL,
        username text,
        username_normalized text CONSTRAINT plinto_users_username_key UNIQUE,
        first_name text,
        last_name text,
        profile_image_url text,
        password_hash text,
        mfa_enabled boolean NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        last_sign_in_at bigint
      )`,
      `CREATE TABLE ${t.sessions} (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        user_id text NOT NULL REFERENCES ${t.users} (id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        last_active_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        revoked_at bigint,
        revoked_reason text,
        remember boolean NOT NULL,
        ip text NOT NULL,
        user_agent text
      )`,
      `CREATE INDEX plinto_sessions_user_idx ON ${t.sessions} (user_id, seq)`,
      `CREATE TABLE ${t.refreshTokens} (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES ${t.sessions} (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES ${t.users} (id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        rotated_at bigint,
        successor_box text
      )`,
      `CREATE INDEX plinto_refresh_tokens_session_idx ON ${t.refreshTokens} (session_id)`,
      `CREATE INDEX plinto_refresh_tokens_user_idx ON ${t.refreshTokens} (user_id)`,
      `CREATE INDEX plinto_refresh_tokens_expires_idx ON ${t.refreshTokens} (expires_at)`,
      // Only the few tokens inside their grace window still hold a successor; the sweep looks at those.
      `CREATE INDEX plinto_refresh_tokens_successor_idx ON ${t.refreshTokens} (rotated_at) WHERE successor_box IS NOT NULL`,
      `CREATE TABLE ${t.emailTokens} (
        token_hash text PRIMARY KEY,
        purpose text NOT NULL,
        user_id text NOT NULL REFERENCES ${t.users} (id) ON DELETE CASCADE,
        email text NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      )`,
      `CREATE INDEX plinto_email_tokens_user_idx ON ${t.emailTokens} (user_id, purpose)`,
      `CREATE TABLE ${t.signingKeys} (
        kid text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        alg text NOT NULL,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at bigint NOT NULL
      )`,
      `CREATE TABLE ${t.organizations} (
        id text PRIMARY KEY,
        name text NOT NULL,
        slug text NOT NULL CONSTRAINT plinto_organizations_slug_key UNIQUE,
        description text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      )`,
      `CREATE TABLE ${t.memberships} (
        organization_id text NOT NULL REFERENCES ${t.organizations} (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES ${t.users} (id) ON DELETE CASCADE,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        role text NOT NULL,
        joined_at bigint NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      )`,
      `CREATE INDEX plinto_memberships_user_idx ON ${t.memberships} (user_id, seq)`,
      `CREATE TABLE ${t.invitations} (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        organization_id text NOT NULL REFERENCES ${t.organizations} (id) ON DELETE CASCADE,
        email text NOT NULL,
        email_normalized text NOT NULL,
        role text NOT NULL,
        token_hash text NOT NULL,
        status text NOT NULL,
        invited_by text,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        decided_at bigint
      )`,
      `CREATE INDEX plinto_invitations_organization_idx ON ${t.invitations} (organization_id, email_normalized)`,
      `CREATE INDEX plinto_invitations_token_idx ON ${t.invitations} (token_hash)`,
      `CREATE TABLE ${t.mfa} (
        user_id text PRIMARY KEY REFERENCES ${t.users} (id) ON DELETE CASCADE,
        totp_secret text,
        totp_enabled boolean NOT NULL,
        totp_last_step bigint,
        sms_phone text,
        sms_enabled boolean NOT NULL,
        backup_code_hashes text[] NOT NULL,
        pending_backup_code_hashes text[] NOT NULL,
        updated_at bigint NOT NULL
      )`,
      `CREATE TABLE ${t.challenges} (
        kind text NOT NULL,
        key text NOT NULL,
        user_id text REFERENCES ${t.users} (id) ON DELETE CASCADE,
        data jsonb NOT NULL,
        attempts integer NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (kind, key)
      )`,
      `CREATE INDEX plinto_challenges_user_idx ON ${t.challenges} (user_id)`,
      `CREATE INDEX plinto_challenges_expires_idx ON ${t.challenges} (expires_at)`,
      `CREATE TABLE ${t.passkeys} (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        user_id text NOT NULL REFERENCES ${t.users} (id) ON DELETE CASCADE,
        credential_id text NOT NULL CONSTRAINT plinto_passkeys_credential_id_key UNIQUE,
        public_key text NOT NULL,
        counter bigint NOT NULL,
        transports text[] NOT NULL,
        device_type text NOT NULL,
        backed_up boolean NOT NULL,
        name text NOT NULL,
        created_at bigint NOT NULL,
        last_used_at bigint
      )`,
      `CREATE INDEX plinto_passkeys_user_idx ON ${t.passkeys} (user_id, seq)`,
      `CREATE TABLE ${t.oauthAccounts} (
        provider text NOT NULL,
        provider_user_id text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        user_id text NOT NULL REFERENCES ${t.users} (id) ON DELETE CASCADE,
        email text NOT NULL,
        created_at bigint NOT NULL,
        CONSTRAINT plinto_oauth_accounts_pkey PRIMARY KEY (provider, provider_user_id)
      )`,
      `CREATE INDEX plinto_oauth_accounts_user_idx ON ${t.oauthAccounts} (user_id, seq)`,
    ],
  },
  {
    version: 2,
    name: 'rate-limit counters',
    statements: (t) => [
      // One row per live window: every server process on the database counts against the same row.
      `CREATE TABLE ${t.rateLimits} (
        key text PRIMARY KEY,
        count integer NOT NULL,
        reset_at bigint NOT NULL
      )`,
      `CREATE INDEX plinto_rate_limits_reset_idx ON ${t.rateLimits} (reset_at)`,
    ],
  },
  {
    version: 3,
    name: 'webhook outbox',
    statements: (t) => [
      // `data` is the JSON text as recorded (text, not jsonb, which would reorder its keys); `seq` keeps the
      // order deliveries were recorded in among those due at the same time.
      `CREATE TABLE ${t.webhookOutbox} (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id text NOT NULL,
        event text NOT NULL,
        data text NOT NULL,
        endpoint text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        last_error text,
        created_at bigint NOT NULL,
        dead_at bigint
      )`,
      // What a claim scans: the pending deliveries, by due time. Dead letters stay out of it.
      `CREATE INDEX plinto_webhook_outbox_due_idx ON ${t.webhookOutbox} (next_attempt_at, seq) WHERE status = 'pending'`,
      `CREATE INDEX plinto_webhook_outbox_dead_idx ON ${t.webhookOutbox} (dead_at) WHERE status = 'dead'`,
    ],
  },
  {
    version: 4,
    name: 'refresh token families and the sweep',
    statements: (t) => [
      // SHA-256 of the family every refresh token of the session starts with; null on sessions from before.
      `ALTER TABLE ${t.sessions} ADD COLUMN refresh_family_hash text`,
      `CREATE INDEX plinto_sessions_refresh_family_idx ON ${t.sessions} (refresh_family_hash)`,
      // What the sweep looks for: expired sessions and email tokens, rotated tokens, ended sessions.
      `CREATE INDEX plinto_sessions_expires_idx ON ${t.sessions} (expires_at)`,
      `CREATE INDEX plinto_sessions_ended_idx ON ${t.sessions} (id) WHERE revoked_at IS NOT NULL AND refresh_family_hash IS NOT NULL`,
      `CREATE INDEX plinto_refresh_tokens_rotated_idx ON ${t.refreshTokens} (rotated_at) WHERE rotated_at IS NOT NULL`,
      `CREATE INDEX plinto_email_tokens_expires_idx ON ${t.emailTokens} (expires_at)`,
    ],
  },
  {
    version: 5,
    name: 'active organization of a session',
    // No foreign key to organizations: the membership is re-checked at every refresh anyway (a deleted
    // organization has no members), and ON DELETE SET NULL would take a lock on sessions for every deletion.
    statements: (t) => [`ALTER TABLE ${t.sessions} ADD COLUMN active_organization_id text`],
  },
  {
    version: 6,
    name: 'phone number of an account',
    // The pending code lives in plinto_challenges (kind `phone_code`); only the verified attribute is new.
    // No index: nothing looks accounts up by phone number.
    statements: (t) => [
      `ALTER TABLE ${t.users} ADD COLUMN phone_number text`,
      `ALTER TABLE ${t.users} ADD COLUMN phone_verified boolean NOT NULL DEFAULT false`,
    ],
  },
  {
    version: 7,
    name: 'when a session last proved who it is',
    // Null on the sessions of before: the store reads them as authenticated at their start (`created_at`), which
    // is what they were. No backfill, so the migration is one catalogue change however many sessions exist.
    statements: (t) => [`ALTER TABLE ${t.sessions} ADD COLUMN authenticated_at bigint`],
  },
  {
    version: 9,
    name: 'connected accounts: identity ids and names',
    // Existing links get a random id (the default is evaluated per row); rows written without one (the legacy
    // state import) get one the same way. The name is what the provider reported, unknown for older links.
    statements: (t) => [
      `ALTER TABLE ${t.oauthAccounts} ADD COLUMN id text NOT NULL DEFAULT ('idn_' || replace(gen_random_uuid()::text, '-', ''))`,
      `ALTER TABLE ${t.oauthAccounts} ADD CONSTRAINT plinto_oauth_accounts_id_key UNIQUE (id)`,
      `ALTER TABLE ${t.oauthAccounts} ADD COLUMN name text`,
    ],
  },
]

/**
 * Brings the schema up to date: creates `plinto_migrations` if needed and applies, in order, every
 * migration it does not list, all in one transaction. The transaction first takes an advisory lock (per
 * schema), so when several server processes start at once one migrates and the others wait, then find
 * nothing left to do. Returns the versions it applied. Refuses a database migrated by a newer version of
 * this package rather than running on a schema it does not know.
 */
export async function migrate(db: SqlClient, t: TableNames): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plinto_migrations:${t.schema}`])
    // Only when missing: CREATE SCHEMA needs the CREATE privilege on the database even with IF NOT EXISTS.
    const schema = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [t.schema])
    if (schema.rows.length === 0) await tx.query(`CREATE SCHEMA ${t.schemaIdentifier}`)
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`,
    )
    const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${t.migrations}`)
    const applied = new Set(rows.map((row) => Number(row.version)))
    const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0
    const unknown = [...applied].filter((version) => version > latest)
    if (unknown.length > 0) {
      throw new Error(
        `The PostgreSQL schema "${t.schema}" has migration ${Math.max(...unknown)}, newer than this @plinto/server knows (${latest}); upgrade @plinto/server`,
      )
    }
    const done: number[] = []
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue
      for (const statement of migration.statements(t)) await tx.query(statement)
      await tx.query(`INSERT INTO ${t.migrations} (version, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        Date.now(),
      ])
      done.push(migration.version)
    }
    return done
  })
}
