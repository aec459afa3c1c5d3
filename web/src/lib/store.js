// A tiny global store for the session and the server's health, readable from
// React through useStore() and writable from plain modules such as api.js.
import { useSyncExternalStore } from 'react'

const TOKEN_KEY = 'cruddur.id_token'
const HANDLE_KEY = 'cruddur.handle'
const EXPIRES_KEY = 'cruddur.expires_at'

function readSession() {
  try {
    const token = localStorage.getItem(TOKEN_KEY)
    const handle = localStorage.getItem(HANDLE_KEY)
    const expiresAt = Number(localStorage.getItem(EXPIRES_KEY) || 0)
    if (!token) return { token: null, handle: null }
    if (expiresAt && expiresAt <= Date.now()) {
      clearStoredSession()
      return { token: null, handle: null }
    }
    return { token, handle }
  } catch {
    return { token: null, handle: null }
  }
}

function clearStoredSession() {
  try {
    localStorage.removeItem(TOKEN_KEY)
    localStorage.removeItem(HANDLE_KEY)
    localStorage.removeItem(EXPIRES_KEY)
  } catch {
    // storage unavailable: nothing to clear
  }
}

let state = {
  ...readSession(),
  signedOutReason: null, // 'expired' after a 401
  serverDown: false,
  serverError: null,
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

export function signIn({ token, handle, expiresIn }) {
  try {
    localStorage.setItem(TOKEN_KEY, token)
    localStorage.setItem(HANDLE_KEY, handle || '')
    if (expiresIn) localStorage.setItem(EXPIRES_KEY, String(Date.now() + expiresIn * 1000))
    else localStorage.removeItem(EXPIRES_KEY)
  } catch {
    // private mode without storage: keep the session in memory only
  }
  setState({ token, handle: handle || null, signedOutReason: null })
}

export function signOut(reason = null) {
  clearStoredSession()
  setState({ token: null, handle: null, signedOutReason: reason })
}

export function setServerDown(serverDown) {
  setState({ serverDown })
}

export function setServerError(serverError) {
  setState({ serverError })
}

// Another tab signed in or out: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === TOKEN_KEY || e.key === HANDLE_KEY || e.key === null) {
      setState(readSession())
    }
  })
}
