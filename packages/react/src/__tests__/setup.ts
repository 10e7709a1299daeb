import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

// findBy*/waitFor wait for the reference app's real work (password hashing, several requests); Testing
// Library's 1 s default fails healthy tests on a loaded 2-core machine.
configure({ asyncUtilTimeout: 5_000 })
