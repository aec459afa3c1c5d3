import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useNow } from '../lib/hooks.js'
import { timeline } from '../lib/timeline.js'
import DaySeparator from './DaySeparator.jsx'
import MessageItem from './MessageItem.jsx'

const NEAR_BOTTOM = 80
const NEAR_TOP = 60

// Scrollable list of messages, oldest first, by day, consecutive messages of one person under
// one name line. Sticks to the newest message, loads older ones when scrolled to the top and
// keeps the reading position when they arrive; something new arriving while the user reads
// older history shows "New messages ↓" instead of moving the page. Messages still in the
// outbox (message.outbox) come last, with their status; `sentUuid` is the one just sent.
export default function MessageList({
  messages,
  me,
  hasOlder,
  complete,
  loadingOlder,
  onLoadOlder,
  empty,
  sentUuid = null,
  onRetry,
  onDiscard,
}) {
  const ref = useRef(null)
  const now = useNow(60000)
  const stick = useRef(true)
  const prev = useRef({ first: null, last: null, height: 0 })
  const [unseen, setUnseen] = useState(false)

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
      setUnseen(false)
    } else if (last !== p.last) {
      setUnseen(true)
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
    if (stick.current) setUnseen(false)
    if (el.scrollTop < NEAR_TOP && hasOlder && !loadingOlder) onLoadOlder()
  }

  const toNewest = () => {
    const el = ref.current
    el.scrollTop = el.scrollHeight
    stick.current = true
    setUnseen(false)
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
            {timeline(messages).map((row) =>
              row.type === 'day' ? (
                <DaySeparator key={row.key} at={row.at} now={now} />
              ) : (
                <MessageItem
                  key={row.key}
                  message={row.message}
                  mine={row.message.handle === me}
                  first={row.first}
                  status={row.message.outbox?.status || (row.key === sentUuid ? 'sent' : undefined)}
                  onRetry={onRetry}
                  onDiscard={onDiscard}
                />
              ),
            )}
          </ol>
        )}
      </div>
      {unseen && (
        <button type="button" className="new-messages" data-testid="new-messages" onClick={toNewest}>
          New messages <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  )
}
