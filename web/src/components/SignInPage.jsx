import { useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { apiFetch } from '../lib/api.js'
import { signIn, useStore } from '../lib/store.js'

// Only same-site paths are allowed as the place to return to.
function safeNext(raw) {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/sign-in')) return '/messages'
  return raw
}

export default function SignInPage() {
  const token = useStore((s) => s.token)
  const reason = useStore((s) => s.signedOutReason)
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const navigate = useNavigate()
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState(null)
  const [busy, setBusy] = useState(false)

  if (token && !busy) return <Navigate to={next} replace />

  const onSubmit = async (e) => {
    e.preventDefault()
    const id = login.trim().replace(/^@/, '')
    if (!id || !password) {
      setError('Enter your handle (or email) and your password.')
      return
    }
    const isEmail = id.includes('@')
    setBusy(true)
    setError(null)
    try {
      const { data } = await apiFetch('/api/auth/sign_in', {
        method: 'POST',
        auth: false,
        body: isEmail ? { email: id, password } : { username: id, password },
      })
      if (!data?.id_token) throw new Error('The server did not return a token.')
      signIn({
        token: data.id_token,
        handle: data.handle || (isEmail ? null : id),
        expiresIn: data.expires_in,
        refreshToken: data.refresh_token || null,
      })
      navigate(next, { replace: true })
    } catch (err) {
      setBusy(false)
      if (err.status === 401) setError('Wrong handle, email or password.')
      else setError(err.message || 'Sign-in failed.')
    }
  }

  return (
    <main className="signin">
      <div className="signin-card">
        <h1 className="signin-brand">Cruddur</h1>
        <h2 className="signin-title">Sign in</h2>
        {reason === 'expired' && !error && (
          <p className="notice" role="status" data-testid="signin-notice">
            Your session has ended. Please sign in again.
          </p>
        )}
        <form onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="signin-username">Handle or email</label>
            <input
              id="signin-username"
              data-testid="signin-username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck="false"
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'signin-error' : undefined}
              autoFocus
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              data-testid="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'signin-error' : undefined}
            />
          </div>
          {error && (
            <p className="form-error" id="signin-error" role="alert" data-testid="signin-error">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" data-testid="signin-submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="hint">Local demo: andrewbrown, bayko or londo, password cruddur-demo-password</p>
      </div>
    </main>
  )
}
