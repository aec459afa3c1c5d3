import { Link, NavLink } from 'react-router-dom'
import { signOut, useStore } from '../lib/store.js'
import UnreadBadge from './UnreadBadge.jsx'

export default function NavBar() {
  const handle = useStore((s) => s.handle)
  // RequireAuth sends us to /sign-in once the token is gone.
  const onSignOut = () => signOut('signout')

  return (
    <header className="navbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link to="/messages" className="brand">
        Cruddur
      </Link>
      <nav aria-label="Main" className="navbar-links">
        <NavLink to="/messages" className="navbar-link">
          Messages
          <UnreadBadge />
        </NavLink>
      </nav>
      <div className="navbar-user">
        {handle && (
          <span className="navbar-handle" data-testid="current-handle">
            @{handle}
          </span>
        )}
        <button type="button" className="btn btn-ghost" onClick={onSignOut} data-testid="signout">
          Sign out
        </button>
      </div>
    </header>
  )
}
