import { useCallback, useEffect, useRef, useState } from 'react'
import { apiFetch, isAbort, nextCursor, withBefore } from './api.js'
import { usePoll } from './hooks.js'
import { mergeByUuid } from './merge.js'
import { getState, useStore } from './store.js'
import { useEvent } from './useEvents.js'

// One conversation, oldest message first. The newest page is polled every
// 2 s while the event stream is not open (its messages are added as they come while it is) and
// merged by uuid; older pages are fetched on demand with ?before=.
// Loading the newest page marks the conversation read on the server: onRead(fresh) follows
// each such load, fresh when it was the first or brought messages not seen before.
export function useConversation(groupUuid, initialMessages = [], onRead = null) {
  const [messages, setMessages] = useState(initialMessages)
  const messagesRef = useRef(initialMessages)
  const [cursor, setCursor] = useState(null)
  const [status, setStatus] = useState('loading') // loading | ready | notfound | error
  const [error, setError] = useState(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const loaded = useRef(false)
  const live = useStore((s) => s.live)
  const base = `/api/messages/${encodeURIComponent(groupUuid)}`
  const onReadRef = useRef(onRead)
  useEffect(() => {
    onReadRef.current = onRead
  })

  const commit = (list) => {
    messagesRef.current = list
    setMessages(list)
  }

  const refresh = usePoll(async (signal) => {
    try {
      const { data, headers } = await apiFetch(base, { signal })
      const page = Array.isArray(data) ? data : []
      const pageCursor = nextCursor(headers)
      const prev = messagesRef.current
      const known = new Set(prev.map((m) => m.uuid))
      const overlaps = page.some((m) => known.has(m.uuid))
      const fresh = !loaded.current || page.some((m) => !known.has(m.uuid))
      if (!loaded.current) {
        loaded.current = true
        setCursor(pageCursor)
        commit(mergeByUuid(prev, page))
      } else if (!overlaps && pageCursor && prev.length > 0 && page.length > 0) {
        // So many new messages that the newest page no longer touches what we
        // have: start over from the newest page rather than show a gap.
        setCursor(pageCursor)
        commit(page)
      } else if (page.some((m) => !known.has(m.uuid) || changed(prev, m))) {
        commit(mergeByUuid(prev, page))
      }
      setStatus('ready')
      setError(null)
      onReadRef.current?.(fresh)
    } catch (err) {
      if (isAbort(err)) return
      if (err.status === 404) {
        setStatus('notfound')
        setError(err.message)
        return
      }
      setError(err.message)
      setStatus((s) => (s === 'loading' ? 'error' : s))
    }
  }, 2000, live)

  const loadOlder = useCallback(async () => {
    if (!cursor || loadingOlder) return
    setLoadingOlder(true)
    try {
      const { data, headers } = await apiFetch(withBefore(base, cursor))
      commit(mergeByUuid(messagesRef.current, Array.isArray(data) ? data : []))
      setCursor(nextCursor(headers))
    } catch (err) {
      if (!isAbort(err)) setError(err.message)
    } finally {
      setLoadingOlder(false)
    }
  }, [base, cursor, loadingOlder])

  const addMessage = useCallback((message) => {
    commit(mergeByUuid(messagesRef.current, [message]))
  }, [])

  useEvent((type, data) => {
    if (type === 'resync') refresh()
    if (type !== 'message' || data.message_group_uuid !== groupUuid || !data.message?.uuid) return
    addMessage(data.message)
    // The other person's message, shown: loading the newest page is what marks it read.
    if (data.message.handle !== getState().handle) refresh()
  })

  return { messages, cursor, status, error, loadingOlder, loadOlder, addMessage }
}

function changed(list, m) {
  const old = list.find((x) => x.uuid === m.uuid)
  return !old || old.message !== m.message || old.display_name !== m.display_name
}
