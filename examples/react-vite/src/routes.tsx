import { createBrowserRouter } from 'react-router'
import { Layout } from './components/layout'
import { RequireAuth } from './components/require-auth'
import { AcceptInvitationPage } from './pages/accept-invitation'
import { AccountPage } from './pages/account'
import { AuthCallbackPage } from './pages/auth-callback'
import { DashboardPage } from './pages/dashboard'
import { DevInboxPage } from './pages/dev-inbox'
import { ForgotPasswordPage } from './pages/forgot-password'
import { LandingPage } from './pages/landing'
import { NewOrganizationPage } from './pages/new-organization'
import { NotFoundPage } from './pages/not-found'
import { OrganizationPage } from './pages/organization'
import { ResetPasswordPage } from './pages/reset-password'
import { SignInPage } from './pages/sign-in'
import { SignUpPage } from './pages/sign-up'
import { VerifyEmailPage } from './pages/verify-email'

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
      { path: 'accept-invitation', element: <AcceptInvitationPage /> },
      { path: 'dev/inbox', element: <DevInboxPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'organizations/new', element: <NewOrganizationPage /> },
          { path: 'organization', element: <OrganizationPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
