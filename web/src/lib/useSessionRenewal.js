import { useEffect, useRef, useState } from 'react'
import { renewSession } from './api.js'
import { useStore } from './store.js'

const EARLY = 5 * 60 * 1000 // renew this long before the ID token expires
const AGAIN = 30 * 1000 // after a renewal that could not reach the server
const SPACING = 60 * 1000 // never more often than this, however short-lived the tokens

// Keeps the signed-in session's ID token fresh: renews it five minutes before it expires.
export function useSessionRenewal() {
  const expiresAt = useStore((s) => s.expiresAt)
  const canRenew = useStore((s) => Boolean(s.refreshToken))
  const [notBefore, setNotBefore] = useState(0)
  const last = useRef(0)

  useEffect(() => {
    if (!expiresAt || !canRenew) return undefined
    const now = Date.now()
    const at = Math.max(expiresAt - EARLY, last.current + SPACING, notBefore)
    const timer = setTimeout(
      async () => {
        last.current = Date.now()
        // On success the new expiry reschedules this; a refused refresh token signs out.
        if (!(await renewSession())) setNotBefore(Date.now() + AGAIN)
      },
      Math.max(0, at - now),
    )
    return () => clearTimeout(timer)
  }, [expiresAt, canRenew, notBefore])
}
