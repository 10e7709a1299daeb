import type { OutgoingMessage } from './mailer'

/**
 * The emails the auth routes send. Plain text plus a minimal HTML part; the link is also exposed as
 * `link` for the dev outbox. Paths on the app (documented in docs/reference-server.md):
 * `/verify-email?token=…`, `/reset-password?token=…`, `/auth/callback?magic_token=…`,
 * `/accept-invitation?token=…`. SMS carry the code in `code`.
 */
export function verificationEmail(to: string, link: string): OutgoingMessage {
  return email(
    to,
    'Verify your email address',
    'Confirm your email address by opening this link (valid for 24 hours):',
    link,
  )
}

export function passwordResetEmail(to: string, link: string): OutgoingMessage {
  return email(
    to,
    'Reset your password',
    'Someone asked to reset the password of your account. If it was you, open this link (valid for 15 minutes); otherwise ignore this email:',
    link,
  )
}

export function magicLinkEmail(to: string, link: string): OutgoingMessage {
  return email(to, 'Your sign-in link', 'Open this link to sign in (valid for 15 minutes, once):', link)
}

/**
 * A 6-digit one-time code (`POST /auth/email-code/send`). It says the code, not a link: the person types it on
 * whatever device asked for it. The dev outbox exposes it as `code`.
 */
export function emailCodeEmail(to: string, code: string, purpose: 'sign_in' | 'verify_email'): OutgoingMessage {
  const subject = purpose === 'sign_in' ? 'Your sign-in code' : 'Your verification code'
  const intro =
    purpose === 'sign_in'
      ? `Your sign-in code is ${code}. Enter it where you asked for it; it expires in 10 minutes and works once. Never share it. If you did not ask for it, ignore this email.`
      : `Your code to verify this email address is ${code}. It expires in 10 minutes and works once.`
  return { channel: 'email', to, subject, text: `${intro}\n`, html: `<p>${escapeHtml(intro)}</p>`, link: null, code }
}

export function invitationEmail(to: string, organizationName: string, link: string): OutgoingMessage {
  return email(
    to,
    `You have been invited to join ${organizationName}`,
    `You have been invited to join ${organizationName}. Sign in with this address and open this link to accept (valid for 7 days, once):`,
    link,
  )
}

export function smsCode(to: string, code: string, purpose: 'enable' | 'signin' | 'verify_phone'): OutgoingMessage {
  const text =
    purpose === 'enable'
      ? `Your Plinto verification code is ${code}. It expires in 5 minutes.`
      : purpose === 'verify_phone'
        ? `Your Plinto code to verify this phone number is ${code}. It expires in 10 minutes.`
        : `Your Plinto sign-in code is ${code}. It expires in 5 minutes. Never share it.`
  return { channel: 'sms', to, subject: null, text, html: null, link: null, code }
}

export function passwordChangedEmail(to: string): OutgoingMessage {
  const text = 'The password of your account was just changed. If this was not you, reset your password now.'
  return {
    channel: 'email',
    to,
    subject: 'Your password was changed',
    text,
    html: `<p>${text}</p>`,
    link: null,
    code: null,
  }
}

function email(to: string, subject: string, intro: string, link: string): OutgoingMessage {
  return {
    channel: 'email',
    to,
    subject,
    text: `${intro}\n\n${link}\n`,
    html: `<p>${escapeHtml(intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    link,
    code: null,
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
