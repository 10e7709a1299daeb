import { createBrowserRouter } from 'react-router'
import { Layout } from './components/layout'
import { RequireAuth } from './components/require-auth'
import { AuthCallbackPage } from './pages/auth-callback'
import { DashboardPage } from './pages/dashboard'
import { ForgotPasswordPage } from './pages/forgot-password'
import { LandingPage } from './pages/landing'
import { NotFoundPage } from './pages/not-found'
import { ResetPasswordPage } from './pages/reset-password'
import { SignInPage } from './pages/sign-in'
import { SignUpPage } from './pages/sign-up'
import { VerifyEmailPage } from './pages/verify-email'

/**
 * The account and organization pages, the dev inbox and the invitation page load on first visit (React
 * Router's `lazy`): their components (UserProfile, OrganizationProfile…) stay out of the first download,
 * which only needs the landing and sign-in pages.
 */
const account = () => import('./pages/account').then((page) => ({ Component: page.AccountPage }))
const organization = () => import('./pages/organization').then((page) => ({ Component: page.OrganizationPage }))
const newOrganization = () =>
  import('./pages/new-organization').then((page) => ({ Component: page.NewOrganizationPage }))
const devInbox = () => import('./pages/dev-inbox').then((page) => ({ Component: page.DevInboxPage }))
const acceptInvitation = () =>
  import('./pages/accept-invitation').then((page) => ({ Component: page.AcceptInvitationPage }))

/**
 * Every page of the app. The paths of the email links (`/verify-email`, `/reset-password`,
 * `/auth/callback`, `/accept-invitation`) are the reference server's, under its `--app-url`.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'auth/callback', element: <AuthCallbackPage /> },
      { path: 'accept-invitation', lazy: acceptInvitation },
      { path: 'dev/inbox', lazy: devInbox },
      {
        element: <RequireAuth />,
        children: [
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'account', lazy: account },
          { path: 'organizations/new', lazy: newOrganization },
          { path: 'organization', lazy: organization },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
