import { useEffect } from 'react'
import { getState, setServerDown, setServerError, useStore } from '../lib/store.js'

// Checks whether the server answers at all (any JSON answer or a 401 counts).
async function probe() {
  try {
    const headers = { Accept: 'application/json' }
    const token = getState().token
    if (token) headers.Authorization = `Bearer ${token}`
    const res = await fetch('/api/messages/counter', { headers, cache: 'no-store' })
    const isJson = (res.headers.get('Content-Type') || '').includes('json')
    if (res.status < 500 || isJson) setServerDown(false)
  } catch {
    // still down
  }
}

export default function ServerBanner() {
  const down = useStore((s) => s.serverDown)
  const error = useStore((s) => s.serverError)

  // Pages without polling still notice when the server comes back.
  useEffect(() => {
    if (!down) return undefined
    const id = setInterval(probe, 3000)
    return () => clearInterval(id)
  }, [down])

  if (down) {
    return (
      <div className="banner banner-down" role="alert" data-testid="server-down">
        Cannot reach the Cruddur server — retrying…
      </div>
    )
  }
  if (error) {
    return (
      <div className="banner banner-error" role="alert" data-testid="server-error">
        <span>Server error: {error}</span>
        <button type="button" className="banner-close" onClick={() => setServerError(null)} aria-label="Dismiss">
          ×
        </button>
      </div>
    )
  }
  return null
}
