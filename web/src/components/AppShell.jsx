import { Outlet } from 'react-router-dom'
import { useSessionRenewal } from '../lib/useSessionRenewal.js'
import NavBar from './NavBar.jsx'

export default function AppShell() {
  useSessionRenewal()
  return (
    <div className="shell">
      <NavBar />
      <main className="shell-main" id="main">
        <Outlet />
      </main>
    </div>
  )
}
