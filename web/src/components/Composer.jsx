import { useLayoutEffect, useRef, useState } from 'react'
import { randomUuid } from '../lib/uuid.js'

export const MAX_CHARS = 1024

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// Retry a send that never reached the server, with the same idempotency key.
async function withRetries(send) {
  const delays = [1000, 2000]
  for (let i = 0; ; i++) {
    try {
      return await send()
    } catch (err) {
      if (!err.network || i >= delays.length) throw err
      await wait(delays[i])
    }
  }
}

// The message form. onSend(text, idempotencyKey) returns a promise; the key
// stays the same for every retry of the same text and changes afterwards.
export default function Composer({ onSend, disabled = false, autoFocus = false }) {
  const [text, setText] = useState('')
  const [error, setError] = useState(null)
  const [sending, setSending] = useState(false)
  const attempt = useRef(null)
  const textRef = useRef(null)

  const remaining = MAX_CHARS - [...text].length
  const blank = text.trim() === ''
  const canSend = !blank && remaining >= 0 && !sending && !disabled

  useLayoutEffect(() => {
    const el = textRef.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`
  }, [text])

  const send = async () => {
    if (!canSend) return
    if (!attempt.current || attempt.current.text !== text) {
      attempt.current = { text, key: randomUuid() }
    }
    const { key } = attempt.current
    setSending(true)
    setError(null)
    try {
      await withRetries(() => onSend(text, key))
      attempt.current = null
      setText('')
      setSending(false)
      textRef.current?.focus()
    } catch (err) {
      // The server answered with a verdict: a later attempt is a new send.
      if (err.status && err.status < 500) attempt.current = null
      setError(err.network ? 'Not sent: cannot reach the Cruddur server. Try again.' : err.message || 'Not sent.')
      setSending(false)
    }
  }

  const onKeyDown = (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      send()
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault()
        send()
      }}
    >
      {error && (
        <p className="form-error composer-error" role="alert" data-testid="composer-error">
          {error}
        </p>
      )}
      <div className="composer-row">
        <label htmlFor="composer-text" className="sr-only">
          Message text
        </label>
        <textarea
          id="composer-text"
          ref={textRef}
          data-testid="composer-text"
          placeholder="send a direct message..."
          rows={1}
          value={text}
          readOnly={sending}
          disabled={disabled}
          autoFocus={autoFocus}
          onChange={(e) => {
            setText(e.target.value)
            if (error) setError(null)
          }}
          onKeyDown={onKeyDown}
          aria-invalid={remaining < 0 ? 'true' : undefined}
          aria-describedby="composer-counter composer-help"
        />
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="composer-send"
          disabled={!canSend}
          aria-busy={sending ? 'true' : undefined}
        >
          Message
        </button>
      </div>
      <div className="composer-meta">
        <span id="composer-help" className="muted">
          Enter to send, Shift+Enter for a new line
        </span>
        <span
          id="composer-counter"
          data-testid="composer-counter"
          className={remaining < 0 ? 'counter counter-over' : 'counter'}
          title="Characters left"
        >
          {remaining}
        </span>
      </div>
    </form>
  )
}
