import { useState } from 'react'
import type { UseOrganizationResult } from '@plinto/react'
import type { Organization } from '@plinto/typescript-sdk'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { Section } from '../elements/section'
import { StatusMessage } from '../elements/status-message'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import { SLUG_SHAPE } from '../internal/slugify'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import type { Ui } from '../internal/use-ui'
import { collectErrors } from '../internal/validate'

const FIELDS = ['name', 'slug', 'description'] as const

export interface DetailsSectionProps {
  ui: Ui
  organization: Organization
  update: UseOrganizationResult['update']
  canEdit: boolean
}

/** Name, slug and description: a form for owners and admins, read-only text for members. */
export function DetailsSection({ ui, organization, update, canEdit }: DetailsSectionProps) {
  const { t } = ui
  const [name, setName] = useState(organization.name)
  const [slug, setSlug] = useState(organization.slug)
  const [description, setDescription] = useState(organization.description ?? '')
  const [saved, setSaved] = useState<string>()
  const { errors, show, refs } = useFormErrors(FIELDS)

  const [submit, pending] = useGuardedAction(async () => {
    setSaved(undefined)
    const invalid = collectErrors({
      name: name.trim() ? undefined : t.validation.nameRequired,
      slug: SLUG_SHAPE.test(slug) ? undefined : t.validation.slugInvalid,
    })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      await update({ name: name.trim(), slug, description: description.trim() || null })
      setSaved(t.organizationProfile.saved)
    } catch (error) {
      show(describeError(error, t, { name: 'name', slug: 'slug', description: 'description' }))
    }
  })

  if (!canEdit) {
    return (
      <Section ui={ui} title={t.organizationProfile.detailsTitle}>
        <dl className={ui.cx('form')}>
          <dt className={ui.cx('label')}>{t.fields.organizationName}</dt>
          <dd>{organization.name}</dd>
          <dt className={ui.cx('label')}>{t.fields.slug}</dt>
          <dd>{organization.slug}</dd>
          {organization.description ? (
            <>
              <dt className={ui.cx('label')}>{t.fields.description}</dt>
              <dd>{organization.description}</dd>
            </>
          ) : null}
        </dl>
        <p className={ui.cx('hint')}>{t.organizationProfile.readOnly}</p>
      </Section>
    )
  }

  return (
    <Section ui={ui} title={t.organizationProfile.detailsTitle}>
      <Form ui={ui} error={errors.form} onSubmit={submit}>
        <Field
          ui={ui}
          ref={refs.name}
          label={t.fields.organizationName}
          name="name"
          maxLength={100}
          value={name}
          onValueChange={setName}
          error={errors.fields.name}
        />
        <Field
          ui={ui}
          ref={refs.slug}
          label={t.fields.slug}
          hint={t.hints.slug}
          name="slug"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={48}
          value={slug}
          onValueChange={(value) => setSlug(value.toLowerCase())}
          error={errors.fields.slug}
        />
        <Field
          ui={ui}
          ref={refs.description}
          label={t.fields.description}
          name="description"
          maxLength={1000}
          value={description}
          onValueChange={setDescription}
          error={errors.fields.description}
          optional
        />
        <StatusMessage ui={ui} message={saved} />
        <SubmitButton
          ui={ui}
          pending={pending}
          label={t.organizationProfile.save}
          pendingLabel={t.organizationProfile.saving}
        />
      </Form>
    </Section>
  )
}
