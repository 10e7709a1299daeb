/**
 * Design tokens of `@plinto/ui`. Each becomes the CSS custom property `--plinto-<kebab-case name>` on the
 * component's root (`colorPrimary` → `--plinto-color-primary`), which the stylesheet reads.
 *
 * @example
 * ```tsx
 * const variables: AppearanceVariables = { colorPrimary: '#0f766e', radius: '12px', fontFamily: 'Inter, sans-serif' }
 * ```
 */
export interface AppearanceVariables {
  colorPrimary: string
  /** Text on primary buttons. */
  colorPrimaryText: string
  colorBackground: string
  colorText: string
  colorTextSecondary: string
  colorDanger: string
  colorSuccess: string
  colorBorder: string
  colorInputBackground: string
  colorInputText: string
  /** Corner radius of cards, fields and buttons. */
  radius: string
  fontFamily: string
  /** Base font size; everything else scales from it. */
  fontSize: string
  /** Base spacing unit. */
  spacing: string
}

/**
 * The parts of the components that `appearance.elements` can add class names to.
 *
 * @example
 * ```tsx
 * const key: AppearanceElement = 'primaryButton'
 * ```
 */
export type AppearanceElement =
  | 'root'
  | 'card'
  | 'header'
  | 'title'
  | 'subtitle'
  | 'form'
  | 'field'
  | 'labelRow'
  | 'label'
  | 'input'
  | 'hint'
  | 'fieldError'
  | 'alert'
  | 'notice'
  | 'primaryButton'
  | 'secondaryButton'
  | 'linkButton'
  | 'link'
  | 'divider'
  | 'footer'
  | 'spinner'
  | 'avatar'
  | 'popover'
  | 'userButton'
  | 'userButtonTrigger'
  | 'userButtonName'
  | 'userButtonPopover'
  | 'userButtonIdentity'
  | 'userButtonMenu'
  | 'userButtonMenuItem'
  | 'userButtonMenuGroup'
  | 'section'
  | 'sectionTitle'
  | 'status'
  | 'list'
  | 'listItem'
  | 'itemTitle'
  | 'itemDetail'
  | 'itemActions'
  | 'badge'
  | 'select'
  | 'dangerButton'
  | 'qrCode'
  | 'secret'
  | 'codeList'
  | 'socialButtons'
  | 'socialButton'
  | 'organizationSwitcher'
  | 'organizationSwitcherTrigger'
  | 'organizationSwitcherPopover'
  | 'organizationSwitcherList'
  | 'organizationSwitcherOption'
  // Account screens: panes, dialogs, row menus, list states (UserProfile, OrganizationProfile, MfaSetup, PasskeySetup)
  /** The pane layout: the tab list beside (or, narrow, above) the active pane. */
  | 'panes'
  | 'paneTabs'
  /** One tab; `--selected` on the active one. */
  | 'paneTab'
  | 'panePanel'
  /** The active pane's heading, which takes focus on a switch. */
  | 'paneTitle'
  /** The `<dialog>` of UserButton's "Manage account" and OrganizationSwitcher's "Manage organization". */
  | 'modal'
  /** The box inside a dialog (a click outside it, on the backdrop, closes). */
  | 'modalBody'
  | 'modalClose'
  /** The `<dialog>` asking to confirm a destructive action. */
  | 'confirmDialog'
  | 'dialogActions'
  /** A list row's "⋯" menu: wrapper, button, panel, list and items (`--danger` on destructive ones). */
  | 'rowMenu'
  | 'rowMenuTrigger'
  | 'rowMenuPopover'
  | 'rowMenuList'
  | 'rowMenuItem'
  /** The picture-or-initials part of a row (avatar) and the text beside it. */
  | 'listItemMain'
  /** Loading placeholder of a list and its parts. */
  | 'skeleton'
  | 'skeletonRow'
  | 'skeletonCircle'
  | 'skeletonLines'
  | 'skeletonLine'
  /** A list with nothing in it yet. */
  | 'emptyState'
  /** Text for screen readers only ("Loading…" beside a skeleton). */
  | 'visuallyHidden'
  /** A "danger zone" part (leaving an organization). */
  | 'dangerZone'
  /** The modal `<dialog>` of ReauthenticationDialog. */
  | 'dialog'

/**
 * How components look: color scheme, design tokens and extra class names. Set it on the provider for the
 * whole app and on a component for that component (the component's values win, class names add up).
 *
 * @example
 * ```tsx
 * <PlintoProvider
 *   client={plinto}
 *   appearance={{ theme: 'auto', variables: { colorPrimary: '#7c3aed' }, elements: { primaryButton: 'my-button' } }}
 * >
 * ```
 */
export interface Appearance {
  /** `auto` follows the operating system (`prefers-color-scheme`). Default `light`. */
  theme?: 'light' | 'dark' | 'auto'
  variables?: Partial<AppearanceVariables>
  /** Extra class names per element; kept with `unstyled`, which drops only the library's own classes. */
  elements?: Partial<Record<AppearanceElement, string>>
}
