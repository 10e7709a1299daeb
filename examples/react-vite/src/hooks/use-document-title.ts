import { useEffect } from 'react'

/** Sets the tab's title for this page ("Dashboard · Plinto React example"), for history, tabs and screen readers. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Plinto React example`
  }, [title])
}
