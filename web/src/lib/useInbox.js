import { useCallback, useRef, useState } from 'react'
import { apiFetch, isAbort, nextCursor, withBefore } from './api.js'
import { usePoll } from './hooks.js'
import { mergeByUuid } from './merge.js'

// The inbox: conversations newest first. The newest page is polled every 3 s
// and merged with any older pages loaded with "Load older".
export function useInbox() {
  const [groups, setGroups] = useState([])
  const [status, setStatus] = useState('loading') // loading | ready | error
  const [error, setError] = useState(null)
  const [olderCursor, setOlderCursor] = useState(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const loadedOlder = useRef(false)

  const refresh = usePoll(async (signal) => {
    try {
      const { data, headers } = await apiFetch('/api/message_groups', { signal })
      const page = Array.isArray(data) ? data : []
      setGroups((prev) => mergeByUuid(prev, page, { desc: true }))
      // Until older pages were loaded the cursor follows the newest page.
      if (!loadedOlder.current) setOlderCursor(nextCursor(headers))
      setStatus('ready')
      setError(null)
    } catch (err) {
      if (isAbort(err)) return
      setError(err.message)
      setStatus((s) => (s === 'loading' ? 'error' : s))
    }
  }, 3000)

  const loadOlder = useCallback(async () => {
    if (!olderCursor || loadingOlder) return
    setLoadingOlder(true)
    try {
      const { data, headers } = await apiFetch(withBefore('/api/message_groups', olderCursor))
      loadedOlder.current = true
      setGroups((prev) => mergeByUuid(prev, Array.isArray(data) ? data : [], { desc: true }))
      setOlderCursor(nextCursor(headers))
    } catch (err) {
      setError(err.message)
    } finally {
      setLoadingOlder(false)
    }
  }, [olderCursor, loadingOlder])

  // Shows a message the user just sent as its conversation's last one at once, without waiting
  // for the server's inbox (updated from the table's stream a moment later). `row` is
  // {uuid (group), message, created_at} plus display_name and handle for a new conversation.
  // One has read what one answers: the row's unread count is 0 from now on.
  const noteSent = useCallback((row) => {
    setGroups((prev) => {
      const old = prev.find((g) => g.uuid === row.uuid)
      if (!old && !row.handle) return prev
      return mergeByUuid(prev, [{ ...old, ...row, unread: 0 }], { desc: true })
    })
  }, [])

  // The conversation's newest page was loaded (which marks it read on the server).
  const noteRead = useCallback((uuid) => {
    setGroups((prev) => {
      if (!prev.some((g) => g.uuid === uuid && g.unread)) return prev
      return prev.map((g) => (g.uuid === uuid ? { ...g, unread: 0 } : g))
    })
  }, [])

  return { groups, status, error, olderCursor, loadingOlder, loadOlder, refresh, noteSent, noteRead }
}
