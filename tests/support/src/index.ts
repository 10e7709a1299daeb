export { API_URL, EMAIL, PASSWORD } from './constants'
export { seedAda, signedIn } from './seed-ada'
export { usePlintoServer, type PlintoServer } from './use-plinto-server'
