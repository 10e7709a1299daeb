import { isPlintoError, type PlintoClient } from '@plinto/typescript-sdk'
import { byId, describeError, showError, whileBusy } from './dom'

/** A form field's value; trimmed, except passwords (spaces are part of a passphrase). */
const field = (form: HTMLFormElement, name: string) => {
  const value = new FormData(form).get(name)
  if (typeof value !== 'string') return ''
  return name === 'password' ? value : value.trim()
}

/**
 * Sign-up, sign-in and the MFA step. Each form shows its own errors; on success the client's state
 * changes and the session view takes over (see session-view.ts), so nothing here renders the user.
 */
export function mountAuthForms(plinto: PlintoClient): void {
  const signInForm = byId<HTMLFormElement>('sign-in-form')
  const mfaForm = byId<HTMLFormElement>('mfa-form')
  const signUpForm = byId<HTMLFormElement>('sign-up-form')
  // The MFA step needs the token the sign-in answered with; it lives 5 minutes and allows 5 wrong codes.
  let mfaToken: string | null = null

  function showMfaStep(token: string | null) {
    mfaToken = token
    signInForm.hidden = token !== null
    mfaForm.hidden = token === null
    showError(mfaForm, null)
    mfaForm.reset()
    if (token) byId('mfa-title').focus()
    else byId('sign-in-email').focus()
  }

  signInForm.addEventListener('submit', (event) => {
    event.preventDefault()
    showError(signInForm, null)
    // Read before whileBusy disables the inputs: FormData skips disabled controls.
    const credentials = { email: field(signInForm, 'email'), password: field(signInForm, 'password') }
    void whileBusy(signInForm, async () => {
      try {
        await plinto.auth.signIn(credentials)
        signInForm.reset()
      } catch (error) {
        if (isPlintoError(error) && error.code === 'MFA_REQUIRED' && error.mfaToken) {
          signInForm.reset()
          showMfaStep(error.mfaToken)
        } else showError(signInForm, describeError(error))
      }
    })
  })

  mfaForm.addEventListener('submit', (event) => {
    event.preventDefault()
    if (!mfaToken) return
    const challenge = { mfa_token: mfaToken, code: field(mfaForm, 'code').replace(/\s+/g, '') }
    showError(mfaForm, null)
    void whileBusy(mfaForm, async () => {
      try {
        await plinto.auth.verifyMfaChallenge(challenge)
        mfaToken = null
        mfaForm.hidden = true
        signInForm.hidden = false
      } catch (error) {
        showError(mfaForm, describeError(error))
      }
    })
  })
  byId('mfa-cancel').addEventListener('click', () => showMfaStep(null))

  signUpForm.addEventListener('submit', (event) => {
    event.preventDefault()
    showError(signUpForm, null)
    const firstName = field(signUpForm, 'first_name')
    const account = {
      email: field(signUpForm, 'email'),
      password: field(signUpForm, 'password'),
      ...(firstName ? { first_name: firstName } : {}),
    }
    void whileBusy(signUpForm, async () => {
      try {
        await plinto.auth.signUp(account)
        signUpForm.reset()
      } catch (error) {
        showError(signUpForm, describeError(error))
      }
    })
  })
}
