// Every call to the Cruddur API goes through apiFetch: it adds the bearer
// token, turns error answers into ApiError, renews the session once on a 401
// (signing out when that fails) and keeps the "server down" / "server error"
// banners in the store up to date.
import { getState, setServerDown, setServerError, signIn, signOut } from './store.js'
import { describeError } from './errors.js'

export class ApiError extends Error {
  constructor(message, { status = 0, codes = [], network = false, body = null } = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.codes = codes
    this.network = network
    this.body = body
  }
}

export function isAbort(err) {
  return err && err.name === 'AbortError'
}

const UNREACHABLE = 'Cannot reach the Cruddur server.'

// A request; on a 401 the ID token is renewed (unless another request already did) and the
// request sent once more.
export async function apiFetch(path, options = {}) {
  const sentWith = getState().token
  try {
    return await request(path, options)
  } catch (err) {
    if (err.status !== 401 || options.auth === false || !getState().token) throw err
    if (!(await renewAfter401(sentWith))) throw err
    try {
      return await request(path, options)
    } catch (again) {
      if (again.status === 401) signOut('expired')
      throw again
    }
  }
}

// After a 401 to a request sent with the ID token `sentWith`: true when there is a new one to send
// it again with (renewed now, or by another request meanwhile).
export async function renewAfter401(sentWith) {
  if (!getState().token) return false
  const renewed = getState().token !== sentWith || (await renewSession())
  // Nothing to renew with: the session is over. (A refused refresh token already signed
  // out; a server out of reach keeps the session for the next try.)
  if (!renewed && getState().token && !getState().refreshToken) signOut('expired')
  return renewed
}

let renewing = null

// Trades the refresh token for a new ID token; one exchange at a time. True when renewed.
// A refresh token the server refuses ends the session; a server that cannot be reached does not.
export function renewSession() {
  if (!renewing) renewing = renew().finally(() => (renewing = null))
  return renewing
}

async function renew() {
  const { refreshToken } = getState()
  if (!refreshToken) return false
  try {
    const { data } = await request('/api/auth/refresh', {
      method: 'POST',
      auth: false,
      body: { refresh_token: refreshToken },
    })
    if (!data?.id_token) throw new ApiError('The server did not return a token.', { status: 401 })
    // Signed out (or in as someone else) meanwhile: this answer is not wanted any more.
    if (getState().refreshToken !== refreshToken) return false
    signIn({ token: data.id_token, handle: data.handle, expiresIn: data.expires_in })
    return true
  } catch (err) {
    if (err.network || err.status >= 500 || err.status === 429) return false
    if (getState().refreshToken === refreshToken) signOut('expired')
    return false
  }
}

async function request(path, { method = 'GET', body, headers = {}, auth = true, signal } = {}) {
  const h = { Accept: 'application/json', ...headers }
  if (body !== undefined) h['Content-Type'] = 'application/json'
  const token = getState().token
  if (auth && token) h.Authorization = `Bearer ${token}`

  let res
  try {
    res = await fetch(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
    })
  } catch (err) {
    if (isAbort(err)) throw err
    setServerDown(true)
    throw new ApiError(UNREACHABLE, { network: true })
  }

  const isJson = (res.headers.get('Content-Type') || '').includes('json')
  let data = null
  if (res.status !== 204) {
    try {
      data = isJson ? await res.json() : await res.text()
    } catch (err) {
      if (isAbort(err)) throw err
      data = null
    }
  }

  // A gateway (e.g. the Vite dev proxy) answering for a backend that is not
  // running: treat like a failed fetch.
  if ([502, 503, 504].includes(res.status) && !isJson) {
    setServerDown(true)
    throw new ApiError(UNREACHABLE, { network: true, status: res.status })
  }
  setServerDown(false)

  if (res.ok) {
    setServerError(null)
    return { data, headers: res.headers, status: res.status }
  }

  const codes = Array.isArray(data?.errors) ? data.errors : data?.error ? [data.error] : []
  const message = codes.length
    ? codes.map(describeError).join(' ')
    : typeof data === 'string' && data.trim()
      ? data.trim().slice(0, 300)
      : `Request failed (HTTP ${res.status}).`

  if (res.status >= 500) {
    setServerError(data?.error ? String(data.error) : message)
  }
  throw new ApiError(message, { status: res.status, codes, body: data })
}

export function nextCursor(headers) {
  const v = headers.get('X-Next-Before')
  return v ? v : null
}

export function withBefore(path, cursor) {
  return cursor ? `${path}?before=${encodeURIComponent(cursor)}` : path
}
