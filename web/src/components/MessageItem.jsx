import { memo } from 'react'
import PersonLine from './PersonLine.jsx'

function MessageItem({ message, mine, now }) {
  return (
    <li className={mine ? 'message message-mine' : 'message'} data-testid="message" data-uuid={message.uuid}>
      <div className="message-meta">
        <PersonLine displayName={message.display_name} handle={message.handle} at={message.created_at} now={now} />
      </div>
      <p className="message-text" data-testid="message-text">
        {message.message}
      </p>
    </li>
  )
}

export default memo(MessageItem)
