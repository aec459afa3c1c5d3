import { Outlet } from 'react-router-dom'
import { useStore } from '../lib/store.js'
import { useEvents } from '../lib/useEvents.js'
import { useSessionRenewal } from '../lib/useSessionRenewal.js'
import NavBar from './NavBar.jsx'

export default function AppShell() {
  useSessionRenewal()
  useEvents()
  const live = useStore((s) => s.live)
  return (
    <div className="shell" data-live={live}>
      <NavBar />
      <main className="shell-main" id="main">
        <Outlet />
      </main>
    </div>
  )
}
