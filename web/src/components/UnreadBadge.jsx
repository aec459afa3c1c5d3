import { useEffect, useState } from 'react'
import { apiFetch } from '../lib/api.js'
import { usePoll } from '../lib/hooks.js'
import { getState, useStore } from '../lib/store.js'
import { useEvent } from '../lib/useEvents.js'
import UnreadPill from './UnreadPill.jsx'

// Unread direct messages of the signed-in user, asked again at once when a conversation was read
// or a message sent (the store's unreadTick) and on the events that change it; polled every 5 s
// while the event stream is not open.
export default function UnreadBadge() {
  const [count, setCount] = useState(0)
  const tick = useStore((s) => s.unreadTick)
  const live = useStore((s) => s.live)

  const refresh = usePoll(
    async (signal) => {
      const { data } = await apiFetch('/api/messages/counter', { signal })
      const n = Number(data?.count)
      setCount(Number.isFinite(n) && n > 0 ? n : 0)
    },
    5000,
    live,
  )

  useEffect(() => {
    if (tick) refresh()
  }, [tick, refresh])

  // Not for one's own messages, nor for those of the conversation open here: reading them
  // follows (a `read` event).
  useEvent((type, data) => {
    const { handle, openGroup } = getState()
    const counts = type === 'message' && data.message?.handle !== handle && data.message_group_uuid !== openGroup
    if (counts || type === 'read' || type === 'resync') refresh()
  })

  return <UnreadPill count={count} className="badge" testId="unread-badge" />
}
