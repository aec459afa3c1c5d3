import { useState } from 'react'
import { apiFetch } from '../lib/api.js'
import { usePoll } from '../lib/hooks.js'

// Unread direct messages of the signed-in user, polled every 5 s.
export default function UnreadBadge() {
  const [count, setCount] = useState(0)

  usePoll(async (signal) => {
    const { data } = await apiFetch('/api/messages/counter', { signal })
    const n = Number(data?.count)
    setCount(Number.isFinite(n) && n > 0 ? n : 0)
  }, 5000)

  if (count <= 0) return null
  return (
    <>
      <span className="badge" data-testid="unread-badge" aria-hidden="true">
        {count}
      </span>
      <span className="sr-only">, {count} unread</span>
    </>
  )
}
