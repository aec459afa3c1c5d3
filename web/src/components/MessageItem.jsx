import { memo } from 'react'
import { clockTime, fullTime } from '../lib/time.js'
import MessageStatus from './MessageStatus.jsx'
import MessageText from './MessageText.jsx'
import PersonLine from './PersonLine.jsx'

// One message. `first` starts a run of messages from the same person: only it shows the
// name line. `status` (own messages): pending, sent or failed.
function MessageItem({ message, mine, first, status, onRetry, onDiscard }) {
  const classes = [
    'message',
    mine && 'message-mine',
    first ? 'message-first' : 'message-more',
    status && `message-${status}`,
  ]
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-testid="message"
      data-uuid={message.uuid}
      data-handle={message.handle}
      data-status={status || undefined}
    >
      {first && (
        <div className="message-meta">
          <PersonLine displayName={message.display_name} handle={message.handle} />
        </div>
      )}
      <div className="message-body">
        <p className="message-text" data-testid="message-text">
          <MessageText text={message.message} />
        </p>
        <span className="message-stamp">
          <time className="time" dateTime={message.created_at} title={fullTime(message.created_at)}>
            {clockTime(message.created_at)}
          </time>
          {status && status !== 'failed' && <MessageStatus status={status} />}
        </span>
      </div>
      {status === 'failed' && (
        <MessageStatus status={status} outbox={message.outbox} onRetry={onRetry} onDiscard={onDiscard} />
      )}
    </li>
  )
}

export default memo(MessageItem)
