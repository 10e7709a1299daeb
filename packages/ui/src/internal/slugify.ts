/** A URL slug suggested from a name: "Acme Corp." → "acme-corp" (accents dropped, at most 48 characters). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
}

export const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
