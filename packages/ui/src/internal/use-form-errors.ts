import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { FormErrors } from './describe-error'

/**
 * A form's errors plus focus management: showing errors moves focus to the first field that has one
 * (in the order of `fields`) once the error is rendered, so its message, tied by aria-describedby, is
 * read out with the field. Errors without a field stay in the form's alert, which announces itself.
 */
export function useFormErrors<F extends string>(fields: readonly F[], initialFormError?: string) {
  const [errors, setErrors] = useState<FormErrors<F>>(() => ({ form: initialFormError, fields: {} }))
  const refs = useRef({} as Record<F, RefObject<HTMLInputElement | null>>)
  for (const field of fields) refs.current[field] ??= { current: null }
  const focusNext = useRef<F | undefined>(undefined)

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each render of new errors, once the field's message is in the DOM
  useEffect(() => {
    const field = focusNext.current
    focusNext.current = undefined
    if (field) refs.current[field].current?.focus()
  }, [errors])

  const show = useCallback(
    (next: FormErrors<F>) => {
      focusNext.current = fields.find((field) => next.fields[field] !== undefined)
      setErrors(next)
    },
    [fields],
  )
  const clear = useCallback(() => setErrors({ fields: {} }), [])
  return { errors, show, clear, refs: refs.current }
}
