import { useState } from 'react'
import { useAuth, useReauthentication, type PendingReauthentication } from '@plinto/react'
import { isPlintoError, type ReauthenticateInput, type ReauthenticationMethod } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { LinkButton } from '../elements/link-button'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { Dialog } from '../internal/dialog'
import { useUi, type PresentationProps, type Ui } from '../internal/use-ui'
import { enAccount } from '../localization/en-account'

/**
 * Props of {@link ReauthenticationDialog}: presentation only; what it asks for comes from the pending request.
 *
 * @example
 * ```tsx
 * const props: ReauthenticationDialogProps = { appearance: { variables: { colorPrimary: '#7c3aed' } } }
 * ```
 */
export type ReauthenticationDialogProps = PresentationProps

// The order the dialog offers the methods in: what most people can do fastest first.
const PREFERENCE: ReauthenticationMethod[] = ['passkey', 'password', 'totp', 'backup_code']

// A pending request is an object without an id: a number per request keys the form, so each starts empty.
const ids = new WeakMap<PendingReauthentication, number>()
let nextId = 0
const idOf = (pending: PendingReauthentication) => {
  let id = ids.get(pending)
  if (id === undefined) {
    id = ++nextId
    ids.set(pending, id)
  }
  return id
}

/**
 * Asks the person to prove again who they are when the server refused a sensitive action with `REAUTH_REQUIRED`
 * (a password change, turning off MFA, deleting a passkey or the account, ending other sessions…), with the methods
 * the server named: their password, a code from their authenticator app, a backup code, or a passkey. Once they
 * confirm, the refused action runs again by itself; Cancel (or Escape) rejects it with `REAUTH_CANCELLED`. A native
 * modal `<dialog>`: focus stays inside while it is open and returns where it was.
 *
 * @plinto/ui's `PlintoProvider` mounts it for you (loaded only when it is first needed); render it yourself only
 * under @plinto/react's provider, or with `<PlintoProvider reauthentication={false}>` to place it elsewhere.
 *
 * @example
 * ```tsx
 * import { PlintoProvider } from '@plinto/react'
 * import { ReauthenticationDialog, UserProfile } from '@plinto/ui'
 *
 * <PlintoProvider client={plinto}>
 *   <UserProfile />
 *   <ReauthenticationDialog />
 * </PlintoProvider>
 * ```
 */
export function ReauthenticationDialog(props: ReauthenticationDialogProps) {
  const pending = useReauthentication()
  return pending ? <OpenDialog key={idOf(pending)} pending={pending} {...props} /> : null
}

function OpenDialog({ pending, ...presentation }: ReauthenticationDialogProps & { pending: PendingReauthentication }) {
  const ui = useUi(presentation, undefined, undefined, enAccount)
  const r = ui.t.reauthentication
  const titleId = `plinto-reauthentication-${idOf(pending)}`
  const [method, setMethod] = useState(() => PREFERENCE.find((m) => pending.methods.includes(m)))

  // The modal parts are Dialog's (showModal, Escape and the backdrop, the Tab trap, focus return to what opened
  // it — often the refused action's button, disabled until the action settles, so Dialog retries for a few frames).
  // Escape, the backdrop and Cancel all cancel the refused action.
  return (
    <Dialog ui={ui} element="dialog" labelledBy={titleId} onClose={() => pending.cancel()}>
      <div className={ui.cx('header')}>
        <h2 id={titleId} className={ui.cx('title')}>
          {r.title}
        </h2>
        <p className={ui.cx('subtitle')}>{method ? r.description : r.signInAgain}</p>
      </div>
      {method === undefined ? (
        <SignInAgain ui={ui} pending={pending} />
      ) : (
        <Proof key={method} ui={ui} pending={pending} method={method} />
      )}
      <div className={ui.cx('footer')}>
        {pending.methods
          .filter((other) => other !== method)
          .sort((a, b) => PREFERENCE.indexOf(a) - PREFERENCE.indexOf(b))
          .map((other) => (
            <LinkButton key={other} ui={ui} onClick={() => setMethod(other)}>
              {label(r, other)}
            </LinkButton>
          ))}
        <button type="button" className={ui.cx('secondaryButton')} onClick={() => pending.cancel()}>
          {r.cancel}
        </button>
      </div>
    </Dialog>
  )
}

function label(r: Ui['t']['reauthentication'], method: ReauthenticationMethod): string {
  return { password: r.usePassword, totp: r.useCode, backup_code: r.useBackupCode, passkey: r.usePasskey }[method]
}

/** One method's form: a password or code field, or the passkey button. Wrong answers are shown at the field. */
function Proof({ ui, pending, method }: { ui: Ui; pending: PendingReauthentication; method: ReauthenticationMethod }) {
  const { t } = ui
  const r = t.reauthentication
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [fieldError, setFieldError] = useState<string>()
  const [formError, setFormError] = useState<string>()

  const send = async (input: ReauthenticateInput) => {
    setBusy(true)
    setFieldError(undefined)
    setFormError(undefined)
    try {
      // On success the request is no longer pending and this dialog goes away.
      await pending.reauthenticate(input)
    } catch (error) {
      setBusy(false)
      if (isPlintoError(error) && error.code === 'INVALID_CREDENTIALS') setFieldError(r.wrongPassword)
      else if (isPlintoError(error) && error.code === 'INVALID_MFA_CODE') setFieldError(t.errors.invalidMfaCode)
      else setFormError(describeError(error, t, {}).form ?? t.errors.generic)
    }
  }

  const submit = () => {
    if (method === 'passkey') return send({ passkey: true })
    const entered = value.trim()
    if (!entered)
      return setFieldError(method === 'password' ? t.validation.passwordRequired : t.validation.codeRequired)
    return send(
      method === 'password' ? { password: value } : method === 'totp' ? { code: entered } : { backupCode: entered },
    )
  }

  return (
    <Form ui={ui} error={formError} onSubmit={submit}>
      {method === 'password' ? (
        <Field
          ui={ui}
          label={t.fields.password}
          name="password"
          type="password"
          autoComplete="current-password"
          value={value}
          onValueChange={setValue}
          error={fieldError}
          autoFocus
        />
      ) : method === 'passkey' ? null : (
        <Field
          ui={ui}
          label={method === 'totp' ? t.fields.mfaCode : t.fields.backupCode}
          hint={method === 'totp' ? r.codeHint : t.hints.backupCode}
          name="code"
          autoComplete="one-time-code"
          inputMode={method === 'totp' ? 'numeric' : 'text'}
          value={value}
          onValueChange={setValue}
          error={fieldError}
          autoFocus
        />
      )}
      <SubmitButton
        ui={ui}
        pending={busy}
        label={method === 'passkey' ? r.usePasskey : r.confirm}
        pendingLabel={method === 'passkey' ? r.passkeyWaiting : r.confirming}
      />
    </Form>
  )
}

/** No method to confirm with here (a magic-link or OAuth-only account): sign out, to sign in again. */
function SignInAgain({ ui, pending }: { ui: Ui; pending: PendingReauthentication }) {
  const { signOut } = useAuth()
  return (
    <button
      type="button"
      className={ui.cx('primaryButton')}
      onClick={() => {
        pending.cancel()
        void signOut()
      }}
    >
      {ui.t.reauthentication.signOut}
    </button>
  )
}
