import { useEffect } from 'react'
import { useOrganization, useOrganizations } from '@plinto/react'
import type { Ui } from '../internal/use-ui'

export interface OrganizationItemsProps {
  ui: Ui
  /** Called after a switch (the menu closes). */
  onSwitched: () => void
}

/**
 * The organizations group of the user menu: "Personal account" and each organization as a
 * `menuitemradio`, the active one checked. Mounted only while the menu is open, so the list is fetched
 * (or refreshed) when the user opens it, never on page load. Nothing is shown while the user has none.
 */
export function OrganizationItems({ ui, onSwitched }: OrganizationItemsProps) {
  const { t } = ui
  const { data, refetch } = useOrganizations()
  const { organizationId, setActive } = useOrganization()
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening, not each time the list or refetch changes
  useEffect(() => {
    if (data) void refetch() // cached from an earlier opening: refresh in the background
  }, [])
  if (!data || data.length === 0) return null
  const item = (id: string | null, label: string) => (
    <button
      key={id ?? 'personal'}
      type="button"
      role="menuitemradio"
      aria-checked={organizationId === id}
      tabIndex={-1}
      className={ui.cx('userButtonMenuItem')}
      onClick={async () => {
        onSwitched()
        await setActive(id)
      }}
    >
      {label}
    </button>
  )
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of menu items, not form controls; a <fieldset> would bring its own border, padding and form semantics
    <div role="group" aria-label={t.userButton.organizations}>
      <div className={ui.cx('userButtonMenuGroup')} aria-hidden="true">
        {t.userButton.organizations}
      </div>
      {item(null, t.userButton.personalAccount)}
      {data.map((organization) => item(organization.id, organization.name))}
    </div>
  )
}
