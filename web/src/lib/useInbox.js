import { useCallback, useEffect, useRef, useState } from 'react'
import { apiFetch, isAbort, nextCursor, withBefore } from './api.js'
import { usePoll } from './hooks.js'
import { mergeByUuid } from './merge.js'
import { getState, useStore } from './store.js'
import { timeKey } from './time.js'
import { useEvent } from './useEvents.js'

// The server's inbox follows the messages table's stream a moment late: what an event told is
// asked for once more after this long.
const SETTLE = 1500

// The inbox: conversations newest first. The newest page is polled every 3 s while the event
// stream is not open (the events update the rows while it is) and merged with any older pages
// loaded with "Load older".
export function useInbox() {
  const [groups, setGroups] = useState([])
  const groupsRef = useRef(groups)
  const [status, setStatus] = useState('loading') // loading | ready | error
  const [error, setError] = useState(null)
  const [olderCursor, setOlderCursor] = useState(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const loadedOlder = useRef(false)
  const live = useStore((s) => s.live)
  useEffect(() => {
    groupsRef.current = groups
  })

  const refresh = usePoll(
    async (signal) => {
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
    },
    3000,
    live,
  )

  // Asks now and once more a moment later (SETTLE).
  const settle = useRef(null)
  const catchUp = useCallback(() => {
    refresh()
    clearTimeout(settle.current)
    settle.current = setTimeout(refresh, SETTLE)
  }, [refresh])
  useEffect(() => () => clearTimeout(settle.current), [])
  // The stream just opened: the poll that pausing ran may have missed the newest messages.
  useEffect(() => {
    if (!live) return undefined
    const timer = setTimeout(refresh, SETTLE)
    return () => clearTimeout(timer)
  }, [live, refresh])

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

  useEvent((type, data) => {
    if (type === 'read') noteRead(data.message_group_uuid)
    if (type === 'resync') catchUp()
    if (type !== 'message' || !data.message) return
    const uuid = data.message_group_uuid
    const mine = data.message.handle === getState().handle
    const open = uuid === getState().openGroup
    // A conversation not in the list: one's own message does not tell with whom, and one of
    // the older conversations not loaded may have had unread messages before this one.
    if (!groupsRef.current.some((g) => g.uuid === uuid) && (mine || olderCursor)) catchUp()
    setGroups((prev) => withMessage(prev, uuid, data.message, { mine, open }))
  })

  return { groups, status, error, olderCursor, loadingOlder, loadOlder, refresh, noteSent, noteRead }
}

// The inbox with `message` as the last one of conversation `uuid`, moved to the top, one more
// unread unless it is one's own or the conversation is open. Unchanged when the row already shows
// it (or something newer).
function withMessage(groups, uuid, message, { mine, open }) {
  const old = groups.find((g) => g.uuid === uuid)
  if (old && timeKey(old.created_at) >= timeKey(message.created_at)) return groups
  const { message: text, created_at, handle, display_name } = message
  const unread = mine || open ? 0 : 1
  let row
  if (old) row = { ...old, message: text, created_at, unread: (old.unread || 0) + unread }
  else if (mine) return groups // with whom: the server's inbox tells (catchUp)
  else row = { uuid, handle, display_name, message: text, created_at, unread } // about the other person
  return mergeByUuid(groups, [row], { desc: true })
}
