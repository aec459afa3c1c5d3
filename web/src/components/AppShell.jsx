import { Outlet } from 'react-router-dom'
import NavBar from './NavBar.jsx'

export default function AppShell() {
  return (
    <div className="shell">
      <NavBar />
      <main className="shell-main" id="main">
        <Outlet />
      </main>
    </div>
  )
}
