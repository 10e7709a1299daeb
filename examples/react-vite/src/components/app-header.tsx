import { OrganizationSwitcher, SignedIn, SignedOut, UserButton } from '@plinto/ui'
import { Link, NavLink, useNavigate } from 'react-router'

/**
 * The header of every page: the app's name, the navigation, and, when signed in, the organization
 * switcher and the user menu (account page, organizations, sign-out back to the landing page).
 */
export function AppHeader() {
  const navigate = useNavigate()
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        Plinto <span>React example</span>
      </Link>
      <nav aria-label="Main" className="main-nav">
        <SignedIn>
          <NavLink to="/dashboard">Dashboard</NavLink>
          <NavLink to="/account">Account</NavLink>
          <NavLink to="/organization" end>
            Organization
          </NavLink>
        </SignedIn>
        <SignedOut>
          <NavLink to="/sign-in">Sign in</NavLink>
          <NavLink to="/sign-up">Create account</NavLink>
        </SignedOut>
      </nav>
      <SignedIn>
        <div className="header-actions">
          {/* Handlers rather than URLs, so the menus close and the router changes page without a reload. */}
          <OrganizationSwitcher
            onCreateOrganization={() => void navigate('/organizations/new')}
            onManageOrganization={() => void navigate('/organization')}
          />
          <UserButton onManageAccount={() => void navigate('/account')} afterSignOutUrl="/" showName />
        </div>
      </SignedIn>
    </header>
  )
}
