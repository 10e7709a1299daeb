import { useState } from 'react'
import { usePasskeys } from '@plinto/react'
import { isPlintoError, type Passkey } from '@plinto/typescript-sdk'
import { useConfirmation } from '../elements/confirm-dialog'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { RowMenu } from '../elements/row-menu'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { formatDate } from '../internal/format-date'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { useWebAuthnAvailable } from '../internal/use-webauthn-available'

export interface PasskeysPanelProps {
  ui: Ui
  /** Called after a passkey was added (PasskeySetup's `onAdded`). */
  onAdded?: () => void
}

/**
 * The body of passkeys, shared by UserProfile's Security pane and `<PasskeySetup/>`: the list (skeleton while
 * loading, an empty state, an error with retry), each row's menu (rename inline; delete after a confirmation),
 * and "Add a passkey" where the browser can create one (explained where it cannot).
 */
export function PasskeysPanel({ ui, onAdded }: PasskeysPanelProps) {
  const { t } = ui
  const passkeys = usePasskeys()
  const available = useWebAuthnAvailable()
  const [refused, setRefused] = useState(false)
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [renaming, setRenaming] = useState<string>()
  const [deleting, setDeleting] = useState<string>()
  const [confirmation, confirm] = useConfirmation(ui)
  const supported = available && !refused

  const [add, adding] = useGuardedAction(async () => {
    setError(undefined)
    setStatus(undefined)
    try {
      await passkeys.register()
      setStatus(t.userProfile.passkeyAdded)
      onAdded?.()
    } catch (caught) {
      if (isPlintoError(caught) && caught.code === 'PASSKEY_NOT_SUPPORTED') return setRefused(true)
      setError(describeError(caught, t, {}).form)
    }
  })
  const [remove] = useGuardedAction(async (passkey: Passkey) => {
    setError(undefined)
    setStatus(undefined)
    setDeleting(passkey.id)
    try {
      await passkeys.remove(passkey.id)
      setStatus(t.userProfile.passkeyDeleted)
    } catch (caught) {
      setError(describeError(caught, t, {}).form)
    } finally {
      setDeleting(undefined)
    }
  })

  return (
    <>
      <FormAlert ui={ui} message={error} />
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={passkeys}>
        {(list) =>
          list.length === 0 ? (
            <p className={ui.cx('emptyState')}>{t.userProfile.passkeysEmpty}</p>
          ) : (
            <ul className={ui.cx('list')}>
              {list.map((passkey) => (
                <li key={passkey.id} className={ui.cx('listItem')}>
                  {renaming === passkey.id ? (
                    <RenameForm
                      ui={ui}
                      passkey={passkey}
                      onCancel={() => setRenaming(undefined)}
                      onRename={async (name) => {
                        await passkeys.rename(passkey.id, name)
                        setRenaming(undefined)
                      }}
                    />
                  ) : (
                    <>
                      <div>
                        <p className={ui.cx('itemTitle')}>{passkey.name}</p>
                        <p className={ui.cx('itemDetail')}>
                          {t.userProfile.passkeyCreated(formatDate(passkey.created_at, t.locale))} ·{' '}
                          {passkey.last_used_at
                            ? t.userProfile.passkeyLastUsed(formatDate(passkey.last_used_at, t.locale))
                            : t.userProfile.passkeyNeverUsed}
                        </p>
                      </div>
                      <RowMenu
                        ui={ui}
                        name={passkey.name}
                        busy={deleting === passkey.id}
                        actions={[
                          { id: 'rename', label: t.userProfile.rename, onSelect: () => setRenaming(passkey.id) },
                          {
                            id: 'delete',
                            label: t.userProfile.delete,
                            danger: true,
                            onSelect: () =>
                              confirm({
                                title: t.account.confirmDeletePasskeyTitle(passkey.name),
                                body: t.account.confirmDeletePasskeyBody,
                                confirmLabel: t.userProfile.delete,
                                pendingLabel: t.userProfile.deleting,
                                run: () => remove(passkey),
                              }),
                          },
                        ]}
                      />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {supported ? (
        <div>
          <button
            type="button"
            className={ui.cx('secondaryButton')}
            disabled={adding}
            aria-busy={adding}
            onClick={() => void add()}
          >
            {adding ? t.userProfile.passkeyAdding : t.userProfile.passkeyAdd}
          </button>
        </div>
      ) : (
        <p className={ui.cx('hint')}>{t.userProfile.passkeyUnsupported}</p>
      )}
      {confirmation}
    </>
  )
}

/** The user's passkeys in UserProfile: {@link PasskeysPanel} in a titled section. */
export function PasskeysSection({ ui }: { ui: Ui }) {
  return (
    <Section ui={ui} title={ui.t.userProfile.passkeysTitle}>
      <PasskeysPanel ui={ui} />
    </Section>
  )
}

interface RenameFormProps {
  ui: Ui
  passkey: Passkey
  onRename: (name: string) => Promise<void>
  onCancel: () => void
}

function RenameForm({ ui, passkey, onRename, onCancel }: RenameFormProps) {
  const { t } = ui
  const [name, setName] = useState(passkey.name)
  const [error, setError] = useState<{ field?: string; form?: string }>({})
  const [submit, pending] = useGuardedAction(async () => {
    if (!name.trim()) return setError({ field: t.validation.nameRequired })
    setError({})
    try {
      await onRename(name.trim())
    } catch (caught) {
      setError({ form: describeError(caught, t, {}).form })
    }
  })
  return (
    <Form ui={ui} error={error.form} onSubmit={submit}>
      <Field
        ui={ui}
        label={t.fields.passkeyName}
        name="passkey_name"
        maxLength={100}
        autoFocus
        value={name}
        onValueChange={setName}
        error={error.field}
      />
      <SubmitButton
        ui={ui}
        pending={pending}
        label={t.userProfile.save}
        pendingLabel={t.userProfile.saving}
        variant="secondary"
      />
      <button type="button" className={ui.cx('linkButton')} onClick={onCancel}>
        {t.userProfile.cancel}
      </button>
    </Form>
  )
}
