import { Link } from 'react-router'
import { useDocumentTitle } from '../hooks/use-document-title'

/** Any other path. */
export function NotFoundPage() {
  useDocumentTitle('Page not found')
  return (
    <section className="card card-narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/">Back to the start</Link>
    </section>
  )
}
