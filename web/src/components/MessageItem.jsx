import { memo } from 'react'
import { fullTime, relativeTime } from '../lib/time.js'

function MessageItem({ message, mine, now }) {
  return (
    <li className={mine ? 'message message-mine' : 'message'} data-testid="message" data-uuid={message.uuid}>
      <div className="message-meta">
        <span className="name">{message.display_name || message.handle}</span>
        <span className="handle">@{message.handle}</span>
        <time className="time" dateTime={message.created_at} title={fullTime(message.created_at)}>
          {relativeTime(message.created_at, now)}
        </time>
      </div>
      <p className="message-text" data-testid="message-text">
        {message.message}
      </p>
    </li>
  )
}

export default memo(MessageItem)
