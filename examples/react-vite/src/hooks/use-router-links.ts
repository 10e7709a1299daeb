import { useEffect } from 'react'
import { useNavigate } from 'react-router'

/**
 * The `@plinto/ui` components render plain `<a href>` links ("Forgot password?", "Sign up", "Back to sign
 * in"), as they do not know your router. This lets the router follow clicks on links into this app, so
 * they change page without a reload. Links to other origins, new tabs, downloads and modified clicks
 * (Ctrl/⌘/Shift/middle button) keep the browser's behaviour.
 */
export function useRouterLinks(): void {
  const navigate = useNavigate()
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null
      if (
        !(link instanceof HTMLAnchorElement) ||
        (link.target && link.target !== '_self') ||
        link.hasAttribute('download')
      )
        return
      const url = new URL(link.href)
      if (url.origin !== window.location.origin) return
      event.preventDefault()
      void navigate(url.pathname + url.search + url.hash)
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [navigate])
}
