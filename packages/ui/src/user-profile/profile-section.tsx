import { useState } from 'react'
import { usePlinto } from '@plinto/react'
import type { User } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { collectErrors } from '../internal/validate'

const FIELDS = ['firstName', 'lastName', 'username', 'avatarUrl'] as const
const URL_SHAPE = /^https?:\/\/[^\s/?#]+\S*$/i

export interface ProfileSectionProps {
  ui: Ui
  user: User
}

/** First and last name, username and picture URL; empty fields are cleared on the server (`null`). */
export function ProfileSection({ ui, user }: ProfileSectionProps) {
  const { t } = ui
  const { client } = usePlinto()
  const [firstName, setFirstName] = useState(user.first_name ?? '')
  const [lastName, setLastName] = useState(user.last_name ?? '')
  const [username, setUsername] = useState(user.username ?? '')
  const [avatarUrl, setAvatarUrl] = useState(user.profile_image_url ?? '')
  const [saved, setSaved] = useState<string>()
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    setSaved(undefined)
    const picture = avatarUrl.trim()
    const invalid = collectErrors({
      avatarUrl: picture && !URL_SHAPE.test(picture) ? t.validation.urlInvalid : undefined,
    })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      const text = (value: string) => value.trim() || null
      await client.users.updateProfile({
        first_name: text(firstName),
        last_name: text(lastName),
        username: text(username),
        profile_image_url: text(picture),
      })
      setSaved(t.userProfile.profileSaved)
    } catch (error) {
      const described = describeError(error, t, {
        first_name: 'firstName',
        last_name: 'lastName',
        username: 'username',
        profile_image_url: 'avatarUrl',
      })
      show(described)
    }
  })

  return (
    <Section ui={ui} title={t.userProfile.profileTitle}>
      <Form ui={ui} error={errors.form} onSubmit={submit}>
        <Field
          ui={ui}
          ref={refs.firstName}
          label={t.fields.firstName}
          name="first_name"
          autoComplete="given-name"
          maxLength={100}
          value={firstName}
          onValueChange={setFirstName}
          error={errors.fields.firstName}
          optional
        />
        <Field
          ui={ui}
          ref={refs.lastName}
          label={t.fields.lastName}
          name="last_name"
          autoComplete="family-name"
          maxLength={100}
          value={lastName}
          onValueChange={setLastName}
          error={errors.fields.lastName}
          optional
        />
        <Field
          ui={ui}
          ref={refs.username}
          label={t.fields.username}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={32}
          value={username}
          onValueChange={setUsername}
          error={errors.fields.username}
          optional
        />
        <Field
          ui={ui}
          ref={refs.avatarUrl}
          label={t.fields.avatarUrl}
          hint={t.hints.avatarUrl}
          name="profile_image_url"
          type="url"
          autoComplete="photo"
          spellCheck={false}
          value={avatarUrl}
          onValueChange={setAvatarUrl}
          error={errors.fields.avatarUrl}
          optional
        />
        <StatusMessage ui={ui} message={saved} />
        <SubmitButton
          ui={ui}
          pending={pending}
          label={t.userProfile.profileSave}
          pendingLabel={t.userProfile.profileSaving}
        />
      </Form>
    </Section>
  )
}
