import type { ReactNode } from 'react'
import type { QueryResult } from '@plinto/react'
import { describeError } from '../internal/describe-error'
import type { Ui } from '../internal/use-ui'

export interface QueryStateProps<T> {
  ui: Ui
  query: QueryResult<T>
  children: (data: T) => ReactNode
}

/**
 * The three states of data a section loads: a busy line while loading, the error in words with
 * "Try again" (refetch) when it failed without data, and the content otherwise.
 */
export function QueryState<T>({ ui, query, children }: QueryStateProps<T>): ReactNode {
  const { t } = ui
  if (query.data !== undefined) return children(query.data)
  if (query.error) {
    const { form } = describeError(query.error, t, {})
    return (
      <div role="alert" className={ui.cx('alert')}>
        {t.errors.loadFailed} {form}{' '}
        <button type="button" className={ui.cx('linkButton')} onClick={() => void query.refetch()}>
          {t.errors.retry}
        </button>
      </div>
    )
  }
  return (
    <p className={ui.cx('hint')} aria-busy="true">
      <span className={ui.cx('spinner')} aria-hidden="true" /> {t.userProfile.loading}
    </p>
  )
}
