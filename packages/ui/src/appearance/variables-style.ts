import type { CSSProperties } from 'react'
import type { AppearanceVariables } from './appearance'

const toCustomProperty = (name: string) => `--plinto-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`

/** `appearance.variables` as inline custom properties: they beat the stylesheet's defaults and themes. */
export function variablesStyle(variables: Partial<AppearanceVariables> | undefined): CSSProperties | undefined {
  if (!variables) return undefined
  const entries = Object.entries(variables).filter(([, value]) => value !== undefined && value !== '')
  return entries.length
    ? (Object.fromEntries(entries.map(([name, value]) => [toCustomProperty(name), value])) as CSSProperties)
    : undefined
}
