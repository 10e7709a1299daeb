import { useRef, useState, type ReactNode } from 'react'
import { useOrganizations } from '@plinto/react'
import type { Organization } from '@plinto/typescript-sdk'
import { Card } from '../elements/card'
import { Field } from '../elements/field'
import { Form } from '../elements/form'
import { SubmitButton } from '../elements/submit-button'
import { describeError } from '../internal/describe-error'
import type { RootAttributes } from '../internal/root-attributes'
import { SLUG_SHAPE, slugify } from '../internal/slugify'
import { useFocusOnMount } from '../internal/use-focus-on-mount'
import { useFormErrors } from '../internal/use-form-errors'
import { useGuardedAction } from '../internal/use-guarded-action'
import { useUi, type PresentationProps } from '../internal/use-ui'
import { collectErrors } from '../internal/validate'
import { enAccount } from '../localization/en-account'

const FIELDS = ['name', 'slug'] as const

/**
 * Props of {@link CreateOrganization}.
 *
 * @example
 * ```tsx
 * const props: CreateOrganizationProps = { redirectUrl: '/organization', setActive: true }
 * ```
 */
export interface CreateOrganizationProps extends PresentationProps, RootAttributes {
  /** Where to go once created (through the provider's `navigate`). Default: stay. */
  redirectUrl?: string
  /** Called with the new organization, instead of navigating to `redirectUrl`. */
  afterCreate?: (organization: Organization) => void
  /** Make the new organization the active one. Default `true`. */
  setActive?: boolean
}

/**
 * Creates an organization (the user becomes its owner): a name, and a URL slug suggested from it until
 * the user edits the slug. A slug in use (`SLUG_TAKEN`) is shown at the slug field. The new organization
 * becomes the active one unless `setActive={false}`.
 *
 * @example
 * ```tsx
 * <CreateOrganization redirectUrl="/organization" />
 * ```
 */
export function CreateOrganization(props: CreateOrganizationProps): ReactNode {
  const {
    appearance,
    localization,
    unstyled,
    redirectUrl,
    afterCreate,
    setActive: activate = true,
    className,
    style,
    ...rest
  } = props
  const ui = useUi({ appearance, localization, unstyled }, className, style, enAccount)
  const { t } = ui
  const { createOrganization, setActive } = useOrganizations()
  const [name, setName] = useState('')
  const [slug, setSlug] = useState('')
  const slugEdited = useRef(false)
  const { errors, show, refs } = useFormErrors(FIELDS)
  useFocusOnMount(refs.name)

  const [submit, pending] = useGuardedAction(async () => {
    const trimmed = name.trim()
    const invalid = collectErrors({
      name: trimmed ? undefined : t.validation.nameRequired,
      slug: SLUG_SHAPE.test(slug) && slug.length >= 2 && slug.length <= 48 ? undefined : t.validation.slugInvalid,
    })
    if (Object.keys(invalid).length) return show({ fields: invalid })
    show({ fields: {} })
    try {
      const organization = await createOrganization({ name: trimmed, slug })
      if (activate) await setActive(organization.id)
      if (afterCreate) afterCreate(organization)
      else if (redirectUrl !== undefined) ui.navigate(redirectUrl)
      setName('')
      setSlug('')
      slugEdited.current = false
    } catch (error) {
      show(describeError(error, t, { name: 'name', slug: 'slug' }))
    }
  })

  return (
    <Card {...rest} ui={ui} title={t.createOrganization.title} subtitle={t.createOrganization.subtitle}>
      <Form ui={ui} error={errors.form} onSubmit={submit}>
        <Field
          ui={ui}
          ref={refs.name}
          label={t.fields.organizationName}
          name="name"
          autoComplete="organization"
          maxLength={100}
          value={name}
          onValueChange={(value) => {
            setName(value)
            if (!slugEdited.current) setSlug(slugify(value))
          }}
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
          onValueChange={(value) => {
            slugEdited.current = value !== ''
            setSlug(value.toLowerCase())
          }}
          error={errors.fields.slug}
        />
        <SubmitButton
          ui={ui}
          pending={pending}
          label={t.createOrganization.submit}
          pendingLabel={t.createOrganization.submitting}
        />
      </Form>
    </Card>
  )
}
