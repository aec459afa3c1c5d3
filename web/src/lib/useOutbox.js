import { useCallback, useEffect, useRef, useState } from 'react'
import { randomUuid } from './uuid.js'

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// Worth sending again with the same key: no answer, the key's first request still running
// (409), too many requests, a server error.
function retryable(err) {
  return Boolean(err?.network) || err?.status === 409 || err?.status === 429 || err?.status >= 500
}

// Retry by itself a send that did not get through, with the same idempotency key.
async function withRetries(send) {
  const delays = [1000, 2000]
  for (let i = 0; ; i++) {
    try {
      return await send()
    } catch (err) {
      if (!retryable(err) || i >= delays.length) throw err
      await wait(delays[i])
    }
  }
}

function notSent(err) {
  if (err?.network) return 'Not sent: cannot reach the Cruddur server.'
  return `Not sent: ${err?.message || 'something went wrong.'}`
}

// Messages on their way, in the order they were written: each is pending until the server
// stores it, then leaves the outbox (post(text, key) returns the stored message and shows it),
// or stays as failed with the reason. A retry sends it again with the same Idempotency-Key, so
// a message whose answer got lost is still stored once.
export function useOutbox(post) {
  const [items, setItems] = useState([]) // { key, text, created_at, status, error, canRetry }
  const [sentUuid, setSentUuid] = useState(null) // the last message this page sent
  const queue = useRef(Promise.resolve())
  const postRef = useRef(post)
  useEffect(() => {
    postRef.current = post
  })

  const attempt = useCallback((item) => {
    const update = (patch) => setItems((list) => list.map((i) => (i.key === item.key ? { ...i, ...patch } : i)))
    update({ status: 'pending', error: null })
    queue.current = queue.current.then(async () => {
      try {
        const message = await withRetries(() => postRef.current(item.text, item.key))
        setItems((list) => list.filter((i) => i.key !== item.key))
        setSentUuid(message?.uuid ?? null)
      } catch (err) {
        update({ status: 'failed', error: notSent(err), canRetry: retryable(err) })
      }
    })
  }, [])

  // `known`: the uuids of the messages shown when this one was written (see settle).
  const send = useCallback(
    (text, known = new Set()) => {
      const item = { key: randomUuid(), text, created_at: new Date().toISOString(), status: 'pending', known }
      setItems((list) => [...list, item])
      attempt(item)
    },
    [attempt],
  )

  const discard = useCallback((item) => setItems((list) => list.filter((i) => i.key !== item.key)), [])

  // The conversation's poll brought a new message of `me` with an outbox item's text: the server
  // has that one (its answer is late or was lost), so it is no longer shown twice.
  const settle = useCallback((messages, me) => {
    setItems((list) => {
      const stored = (i) => messages.some((m) => m.handle === me && m.message === i.text && !i.known.has(m.uuid))
      return list.some(stored) ? list.filter((i) => !stored(i)) : list
    })
  }, [])

  return { items, sentUuid, send, retry: attempt, discard, settle }
}

// The outbox as messages of `me`, to show below the conversation's stored ones.
export function outboxMessages(items, me, displayName) {
  return items.map((i) => ({
    uuid: `pending-${i.key}`,
    handle: me,
    display_name: displayName,
    message: i.text,
    created_at: i.created_at,
    outbox: i,
  }))
}
