/**
 * The consent page of the built-in `dev` OAuth provider: a plain HTML form with a test identity (email,
 * first and last name, all editable) and Approve / Deny buttons. It posts back to the same path.
 * Development and test mode only.
 */
export function devConsentPage(options: {
  state: string
  action: string
  email: string
  firstName: string
  lastName: string
}): string {
  const field = (name: string, label: string, value: string, type = 'text') =>
    `<label>${label}<input name="${name}" type="${type}" value="${escapeHtml(value)}" required></label>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in with the Plinto dev provider</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#111}
form{display:grid;gap:.75rem}label{display:grid;gap:.25rem;font-size:.9rem}
input{padding:.5rem;font-size:1rem}.actions{display:flex;gap:.5rem}button{padding:.5rem 1rem;font-size:1rem}
p.note{color:#555;font-size:.85rem}
</style>
</head>
<body>
<h1>Dev OAuth provider</h1>
<p class="note">This provider exists only in development and test mode. Approve to sign in as the identity below; its email counts as verified.</p>
<form method="post" action="${escapeHtml(options.action)}">
<input type="hidden" name="state" value="${escapeHtml(options.state)}">
${field('email', 'Email', options.email, 'email')}
${field('first_name', 'First name', options.firstName)}
${field('last_name', 'Last name', options.lastName)}
<div class="actions"><button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
</form>
</body>
</html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
