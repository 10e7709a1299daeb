import { useState } from 'react'
import { usePasskeys } from '@plinto/react'
import { isPlintoError, type Passkey } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { FormAlert } from '../elements/form-alert'
import { QueryState } from '../elements/query-state'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { formatDate } from '../internal/format-date'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { useWebAuthnAvailable } from '../internal/use-webauthn-available'

/** The user's passkeys: add one (when the browser can), rename, delete. */
export function PasskeysSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const passkeys = usePasskeys()
  const available = useWebAuthnAvailable()
  const [refused, setRefused] = useState(false)
  const [error, setError] = useState<string>()
  const [status, setStatus] = useState<string>()
  const [renaming, setRenaming] = useState<string>()
  const [deleting, setDeleting] = useState<string>()
  const supported = available && !refused

  const [add, adding] = useGuardedAction(async () => {
    setError(undefined)
    setStatus(undefined)
    try {
      await passkeys.register()
      setStatus(t.userProfile.passkeyAdded)
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
    <Section ui={ui} title={t.userProfile.passkeysTitle}>
      <FormAlert ui={ui} message={error} />
      <StatusMessage ui={ui} message={status} />
      <QueryState ui={ui} query={passkeys}>
        {(list) =>
          list.length === 0 ? (
            <p className={ui.cx('itemDetail')}>{t.userProfile.passkeysEmpty}</p>
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
                      <div className={ui.cx('itemActions')}>
                        <button
                          type="button"
                          className={ui.cx('secondaryButton')}
                          aria-label={`${t.userProfile.rename}: ${passkey.name}`}
                          onClick={() => setRenaming(passkey.id)}
                        >
                          {t.userProfile.rename}
                        </button>
                        <button
                          type="button"
                          className={ui.cx('dangerButton')}
                          aria-label={`${t.userProfile.delete}: ${passkey.name}`}
                          disabled={deleting === passkey.id}
                          aria-busy={deleting === passkey.id}
                          onClick={() => void remove(passkey)}
                        >
                          {deleting === passkey.id ? t.userProfile.deleting : t.userProfile.delete}
                        </button>
                      </div>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {supported ? (
        <button
          type="button"
          className={ui.cx('secondaryButton')}
          disabled={adding}
          aria-busy={adding}
          onClick={() => void add()}
        >
          {adding ? t.userProfile.passkeyAdding : t.userProfile.passkeyAdd}
        </button>
      ) : (
        <p className={ui.cx('hint')}>{t.userProfile.passkeyUnsupported}</p>
      )}
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
      <SubmitButton ui={ui} pending={pending} label={t.userProfile.save} pendingLabel={t.userProfile.saving} />
      <button type="button" className={ui.cx('linkButton')} onClick={onCancel}>
        {t.userProfile.cancel}
      </button>
    </Form>
  )
}
