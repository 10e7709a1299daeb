import { useId, useState } from 'react'
import { useConnectedAccounts, usePlinto } from '@plinto/react'
import { isPlintoError } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Section } from '../elements/section'
import { describeError } from '../internal/describe-error'
import { Dialog } from '../internal/dialog'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { FormAlert } from '../elements/form-alert'

/**
 * The key of the "Delete account" section in `UserProfile`'s `sections` (Account pane, shown by default).
 *
 * @example
 * ```tsx
 * <UserProfile sections={['profile', DELETE_ACCOUNT_SECTION]} />
 * ```
 */
export const DELETE_ACCOUNT_SECTION = 'deleteAccount'

const FIELDS = ['password'] as const

/**
 * The Account pane's danger zone: what deleting the account means, and a danger button that opens a
 * confirmation dialog. Accounts with a password (GET /users/me/identities says so) type it there; then
 * `users.deleteAccount` runs and the person is signed out. It is a sensitive operation: when the session is not
 * recent the server answers REAUTH_REQUIRED, the re-authentication dialog opens over this one and the deletion
 * is retried once the person has confirmed it is them.
 */
export function DeleteAccountSection({ ui }: { ui: Ui }) {
  const { t } = ui
  const [open, setOpen] = useState(false)
  return (
    <Section ui={ui} title={t.account.deleteAccountTitle}>
      <div className={ui.cx('dangerZone')}>
        <p className={ui.cx('itemDetail')}>{t.account.deleteAccountBody}</p>
        <button type="button" className={ui.cx('dangerButton')} onClick={() => setOpen(true)}>
          {t.account.deleteAccount}
        </button>
      </div>
      {open ? <DeleteAccountDialog ui={ui} onCancel={() => setOpen(false)} /> : null}
    </Section>
  )
}

function DeleteAccountDialog({ ui, onCancel }: { ui: Ui; onCancel: () => void }) {
  const { t } = ui
  const id = `plinto-${useId()}`
  const { client } = usePlinto()
  const methods = useConnectedAccounts()
  // Until the sign-in methods are known the dialog cannot tell whether a password is asked: it waits.
  const hasPassword = methods.data?.password
  const [password, setPassword] = useState('')
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    if (hasPassword && !password) return show({ fields: { password: t.validation.passwordRequired } })
    show({ fields: {} })
    try {
      // Resolves once the account is gone and this client is signed out: UserProfile unmounts with it.
      await client.users.deleteAccount(hasPassword ? password : undefined)
    } catch (caught) {
      show(
        isPlintoError(caught) && caught.code === 'INVALID_CREDENTIALS'
          ? { fields: { password: t.reauthentication.wrongPassword } }
          : describeError(caught, t, { password: 'password' }),
      )
    }
  })

  return (
    <Dialog
      ui={ui}
      role="alertdialog"
      element="confirmDialog"
      labelledBy={`${id}-title`}
      describedBy={`${id}-body`}
      onClose={() => {
        if (!pending) onCancel()
      }}
    >
      <h2 id={`${id}-title`} className={ui.cx('sectionTitle')}>
        {t.account.confirmDeleteAccountTitle}
      </h2>
      <p id={`${id}-body`} className={ui.cx('itemDetail')}>
        {t.account.confirmDeleteAccountBody}
      </p>
      <form
        noValidate
        className={ui.cx('form')}
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <FormAlert ui={ui} message={errors.form} />
        {hasPassword ? (
          <Field
            ui={ui}
            ref={refs.password}
            label={t.fields.password}
            hint={t.account.confirmDeleteAccountPasswordHint}
            name="password"
            type="password"
            autoComplete="current-password"
            data-autofocus
            value={password}
            onValueChange={setPassword}
            error={errors.fields.password}
          />
        ) : null}
        <div className={ui.cx('dialogActions')}>
          <button
            type="button"
            className={ui.cx('secondaryButton')}
            data-autofocus={hasPassword ? undefined : true}
            onClick={onCancel}
            disabled={pending}
          >
            {t.account.cancel}
          </button>
          <button
            type="submit"
            className={ui.cx('dangerButton')}
            disabled={pending || hasPassword === undefined}
            aria-busy={pending}
          >
            {pending ? t.account.deletingAccount : t.account.deleteAccount}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
