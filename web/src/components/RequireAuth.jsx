import { Navigate, useLocation } from 'react-router-dom'
import { useStore } from '../lib/store.js'

// Without a token, go to the sign-in page and remember where we were going.
export default function RequireAuth({ children }) {
  const token = useStore((s) => s.token)
  const reason = useStore((s) => s.signedOutReason)
  const location = useLocation()
  if (!token) {
    if (reason === 'signout') return <Navigate to="/sign-in" replace />
    const next = location.pathname + location.search
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />
  }
  return children
}
