import { Link } from 'react-router-dom'

export default function NotFound() {
  return (
    <div className="centered-note">
      <h1>Page not found</h1>
      <p>
        There is nothing here. <Link to="/messages">Go to your messages</Link>.
      </p>
    </div>
  )
}
