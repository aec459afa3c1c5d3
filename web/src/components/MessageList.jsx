import { useEffect, useLayoutEffect, useRef } from 'react'
import { useNow } from '../lib/hooks.js'
import MessageItem from './MessageItem.jsx'

const NEAR_BOTTOM = 80
const NEAR_TOP = 60

// Scrollable list of messages, oldest first. Sticks to the newest message,
// loads older ones when scrolled to the top and keeps the reading position
// when they arrive.
export default function MessageList({ messages, me, hasOlder, complete, loadingOlder, onLoadOlder, empty }) {
  const ref = useRef(null)
  const now = useNow()
  const stick = useRef(true)
  const prev = useRef({ first: null, last: null, height: 0 })

  const first = messages[0]?.uuid ?? null
  const last = messages[messages.length - 1]?.uuid ?? null
  const lastMine = messages.length > 0 && messages[messages.length - 1].handle === me

  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const p = prev.current
    if (p.first && first !== p.first && last === p.last) {
      // Older messages were put above: keep the same messages in view.
      el.scrollTop += el.scrollHeight - p.height
    } else if (last !== p.last && (stick.current || lastMine || !p.last)) {
      el.scrollTop = el.scrollHeight
      stick.current = true
    }
    prev.current = { first, last, height: el.scrollHeight }
  }, [first, last, lastMine, messages.length])

  // Not enough messages to scroll: fetch older ones straight away.
  useEffect(() => {
    const el = ref.current
    if (el && hasOlder && !loadingOlder && el.scrollHeight <= el.clientHeight + 1) onLoadOlder()
  }, [hasOlder, loadingOlder, messages.length, onLoadOlder])

  // Keep the newest message in view when the pane is resized.
  useEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver === 'undefined') return undefined
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight
      prev.current.height = el.scrollHeight
    })
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  const onScroll = () => {
    const el = ref.current
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM
    if (el.scrollTop < NEAR_TOP && hasOlder && !loadingOlder) onLoadOlder()
  }

  return (
    <div className="message-pane">
      {loadingOlder && (
        <div className="loading-older" role="status">
          Loading older messages…
        </div>
      )}
      <div className="message-scroll" ref={ref} onScroll={onScroll} tabIndex={0} role="log" aria-label="Messages">
        {complete && messages.length > 0 && <p className="conversation-start muted">Beginning of the conversation</p>}
        {messages.length === 0 ? (
          <div className="centered-note muted">{empty}</div>
        ) : (
          <ol className="message-list">
            {messages.map((m) => (
              <MessageItem key={m.uuid} message={m} mine={m.handle === me} now={now} />
            ))}
          </ol>
        )}
      </div>
    </div>
  )
}
