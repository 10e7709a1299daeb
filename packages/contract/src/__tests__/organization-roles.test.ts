import { describe, expect, it } from 'vitest'
import { createHas, roleAtLeast, type OrganizationRole } from '../index'

const ROLES: OrganizationRole[] = ['member', 'admin', 'owner']

describe('roleAtLeast / createHas: owner > admin > member', () => {
  it('passes a role and every role above it, nothing below', () => {
    const table = ROLES.map((held) => ROLES.map((required) => roleAtLeast(held, required)))
    expect(table).toEqual([
      // required: member, admin, owner
      [true, false, false], // member
      [true, true, false], // admin
      [true, true, true], // owner
    ])
  })

  it('no active organization passes nothing', () => {
    for (const required of ROLES) {
      expect(roleAtLeast(undefined, required)).toBe(false)
      expect(roleAtLeast(null, required)).toBe(false)
      expect(createHas(undefined)({ role: required })).toBe(false)
    }
  })

  it('an unknown role (a newer server’s, or a typo) passes nothing and requires something nobody has', () => {
    const unknown = 'superuser' as OrganizationRole
    for (const required of ROLES) expect(roleAtLeast(unknown, required)).toBe(false)
    expect(roleAtLeast('owner', unknown)).toBe(false)
    expect(roleAtLeast('owner', 'toString' as OrganizationRole)).toBe(false)
    expect(roleAtLeast('constructor' as OrganizationRole, 'member')).toBe(false)
  })

  it('createHas binds the role: has({ role })', () => {
    const has = createHas('admin')
    expect([has({ role: 'member' }), has({ role: 'admin' }), has({ role: 'owner' })]).toEqual([true, true, false])
  })
})
