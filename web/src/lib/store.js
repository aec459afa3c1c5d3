// A tiny global store for the session, the server's health and the event stream, readable from
// React through useStore() and writable from plain modules such as api.js.
import { useSyncExternalStore } from 'react'

const TOKEN_KEY = 'cruddur.id_token'
const HANDLE_KEY = 'cruddur.handle'
const EXPIRES_KEY = 'cruddur.expires_at'
const REFRESH_KEY = 'cruddur.refresh_token'
const SESSION_KEYS = [TOKEN_KEY, HANDLE_KEY, EXPIRES_KEY, REFRESH_KEY]

const NO_SESSION = { token: null, handle: null, expiresAt: 0, refreshToken: null }

// An ID token past its expiry is kept when there is a refresh token to renew it with.
function readSession() {
  try {
    const token = localStorage.getItem(TOKEN_KEY)
    const handle = localStorage.getItem(HANDLE_KEY)
    const expiresAt = Number(localStorage.getItem(EXPIRES_KEY) || 0)
    const refreshToken = localStorage.getItem(REFRESH_KEY)
    if (!token) return NO_SESSION
    if (expiresAt && expiresAt <= Date.now() && !refreshToken) {
      clearStoredSession()
      return NO_SESSION
    }
    return { token, handle, expiresAt, refreshToken }
  } catch {
    return NO_SESSION
  }
}

function clearStoredSession() {
  try {
    SESSION_KEYS.forEach((k) => localStorage.removeItem(k))
  } catch {
    // storage unavailable: nothing to clear
  }
}

function store(key, value) {
  if (value) localStorage.setItem(key, value)
  else localStorage.removeItem(key)
}

let state = {
  ...readSession(),
  signedOutReason: null, // 'expired' after a 401 or a failed refresh, 'signout'
  serverDown: false,
  serverError: null,
  unreadTick: 0, // bumped when something was read or sent: the unread badge asks again
  live: false, // the event stream is open (events.js): the pages do not poll
  openGroup: null, // the conversation open on this page
}
const listeners = new Set()

function setState(patch) {
  const next = { ...state, ...patch }
  if (Object.keys(patch).every((k) => state[k] === next[k])) return
  state = next
  listeners.forEach((l) => l())
}

export function getState() {
  return state
}

function subscribe(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useStore(selector) {
  return useSyncExternalStore(subscribe, () => selector(state))
}

// A new ID token (sign-in or refresh). The refresh token is kept unless a new one is given.
export function signIn({ token, handle, expiresIn, refreshToken }) {
  const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : 0
  const refresh = refreshToken === undefined ? state.refreshToken : refreshToken
  const who = handle || state.handle || null
  try {
    localStorage.setItem(TOKEN_KEY, token)
    localStorage.setItem(HANDLE_KEY, who || '')
    store(EXPIRES_KEY, expiresAt ? String(expiresAt) : '')
    store(REFRESH_KEY, refresh)
  } catch {
    // private mode without storage: keep the session in memory only
  }
  setState({ token, handle: who, expiresAt, refreshToken: refresh || null, signedOutReason: null })
}

export function signOut(reason = null) {
  clearStoredSession()
  setState({ ...NO_SESSION, signedOutReason: reason })
}

export function setServerDown(serverDown) {
  setState({ serverDown })
}

export function setServerError(serverError) {
  setState({ serverError })
}

export function setLive(live) {
  setState({ live })
}

export function setOpenGroup(openGroup) {
  setState({ openGroup })
}

export function unreadChanged() {
  setState({ unreadTick: state.unreadTick + 1 })
}

// Another tab signed in, out or renewed the token: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === null || SESSION_KEYS.includes(e.key)) {
      setState(readSession())
    }
  })
}
