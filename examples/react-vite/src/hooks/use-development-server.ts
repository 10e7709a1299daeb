import { useEffect, useState } from 'react'
import { isDevelopmentServer } from '../dev-outbox'

/** Whether the API is a development server with the dev outbox; false until known. */
export function useDevelopmentServer(): boolean {
  const [development, setDevelopment] = useState(false)
  useEffect(() => {
    let current = true
    void isDevelopmentServer().then((value) => current && setDevelopment(value))
    return () => {
      current = false
    }
  }, [])
  return development
}
