import type { ReactNode } from 'react'
import type { QueryResult } from '@plinto/react'
import { describeError } from '../internal/describe-error'
import type { Ui } from '../internal/use-ui'

export interface QueryStateProps<T> {
  ui: Ui
  query: QueryResult<T>
  /** How many placeholder rows to draw while loading (a list's skeleton). Default 2. */
  skeletonRows?: number
  children: (data: T) => ReactNode
}

/**
 * The three states of data a section loads: a skeleton of the list while loading (announced as busy, with
 * "Loading…" for screen readers), the error in words with "Try again" (refetch) when it failed without data,
 * and the content otherwise. Lists render their own empty state (its words differ per list).
 */
export function QueryState<T>({ ui, query, skeletonRows = 2, children }: QueryStateProps<T>): ReactNode {
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
    <div className={ui.cx('skeleton')} aria-busy="true">
      <p className={ui.cx('visuallyHidden')}>{t.userProfile.loading}</p>
      {Array.from({ length: skeletonRows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity, never reordered
        <div key={row} className={ui.cx('skeletonRow')} aria-hidden="true">
          <span className={ui.cx('skeletonCircle')} />
          <span className={ui.cx('skeletonLines')}>
            <span className={ui.cx('skeletonLine')} />
            <span className={ui.cx('skeletonLine', 'short')} />
          </span>
        </div>
      ))}
    </div>
  )
}
