/**
 * Moves focus to the heading of the pane (or section) `element` is in: where keyboard and screen-reader users
 * should continue when the element they were on goes away (the row of a member they removed). The pane's
 * heading is focusable by script already; a section's gets `tabindex="-1"`.
 */
export function focusPlaceOf(element: Element): void {
  const place = element.closest('[role="tabpanel"]') ?? element.closest('section')
  const heading = place?.querySelector<HTMLElement>(':scope > h2')
  if (!heading) return
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
  heading.focus()
}
