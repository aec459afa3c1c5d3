// How many messages are unread: "99+" from 100 on (the server counts up to 100 per
// conversation). Nothing when there are none.
export function unreadText(count) {
  return count >= 100 ? '99+' : String(count)
}

export default function UnreadPill({ count, className = 'unread-pill', testId = 'unread-count' }) {
  if (!(count > 0)) return null
  return (
    <>
      <span className={className} data-testid={testId} aria-hidden="true">
        {unreadText(count)}
      </span>
      <span className="sr-only">, {count === 1 ? '1 unread message' : `${unreadText(count)} unread messages`}</span>
    </>
  )
}
