import { useEffect, useState } from 'react'
import { apiFetch } from '../lib/api.js'
import { usePoll } from '../lib/hooks.js'
import { useStore } from '../lib/store.js'
import UnreadPill from './UnreadPill.jsx'

// Unread direct messages of the signed-in user, polled every 5 s and asked again at once
// when a conversation was read or a message sent (the store's unreadTick).
export default function UnreadBadge() {
  const [count, setCount] = useState(0)
  const tick = useStore((s) => s.unreadTick)

  const refresh = usePoll(async (signal) => {
    const { data } = await apiFetch('/api/messages/counter', { signal })
    const n = Number(data?.count)
    setCount(Number.isFinite(n) && n > 0 ? n : 0)
  }, 5000)

  useEffect(() => {
    if (tick) refresh()
  }, [tick, refresh])

  return <UnreadPill count={count} className="badge" testId="unread-badge" />
}
