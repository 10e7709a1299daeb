import type { OrganizationRole } from '@plinto/typescript-sdk'

/** How the app shows a member's role. */
export const ROLE_NAMES: Record<OrganizationRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' }
