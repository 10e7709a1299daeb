import { Outlet } from 'react-router'
import { useRouterLinks } from '../hooks/use-router-links'
import { AppHeader } from './app-header'
import { OfflineBanner } from './offline-banner'
import { SessionEndedNotice } from './session-ended-notice'

/** The frame of every page: header, the connection and session notices, then the page. */
export function Layout() {
  useRouterLinks()
  return (
    <>
      <AppHeader />
      <div className="notices">
        <OfflineBanner />
        <SessionEndedNotice />
      </div>
      <main className="page">
        <Outlet />
      </main>
    </>
  )
}
