// Every call to the Cruddur API goes through apiFetch: it adds the bearer
// token, turns error answers into ApiError, signs out on 401 and keeps the
// "server down" / "server error" banners in the store up to date.
import { getState, setServerDown, setServerError, signOut } from './store.js'
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

export async function apiFetch(path, { method = 'GET', body, headers = {}, auth = true, signal } = {}) {
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

  if (res.status === 401 && auth) {
    signOut('expired')
  }
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
