// Where one of the user's own messages is: "Sending…", "Sent", or why it was not sent with a
// way to try again (the same message, once) or to give it up.
export default function MessageStatus({ status, outbox, onRetry, onDiscard }) {
  if (status === 'failed') {
    return (
      <div className="message-failed-note" role="alert" data-testid="message-status">
        <span>{outbox.error}</span>
        <span className="message-actions">
          {outbox.canRetry && (
            <button type="button" className="btn-link" data-testid="message-retry" onClick={() => onRetry(outbox)}>
              Retry
            </button>
          )}
          <button type="button" className="btn-link" data-testid="message-discard" onClick={() => onDiscard(outbox)}>
            Discard
          </button>
        </span>
      </div>
    )
  }
  return (
    <span className="message-status" data-testid="message-status">
      {status === 'pending' ? 'Sending…' : 'Sent'}
    </span>
  )
}
