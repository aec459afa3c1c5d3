import { useLayoutEffect, useRef } from 'react'
import { useDraft } from '../lib/drafts.js'
import { useMediaQuery } from '../lib/hooks.js'

export const MAX_CHARS = 1024

// The message form. onSend(text) takes the text over (the conversation shows it as pending);
// the box empties at once. Unsent text is kept as a draft under `draftKey`. On a touch screen
// Enter starts a new line and only the button sends; elsewhere Enter sends and Shift+Enter
// starts a new line.
export default function Composer({ onSend, draftKey = null, disabled = false, autoFocus = false }) {
  const [text, setText] = useDraft(draftKey)
  const touch = useMediaQuery('(pointer: coarse)')
  const textRef = useRef(null)

  const remaining = MAX_CHARS - [...text].length
  const blank = text.trim() === ''
  const canSend = !blank && remaining >= 0 && !disabled

  useLayoutEffect(() => {
    const el = textRef.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight + 2, 200)}px`
  }, [text])

  const send = () => {
    if (!canSend) return
    onSend(text)
    setText('')
    textRef.current?.focus()
  }

  const onKeyDown = (e) => {
    if (touch || e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return
    e.preventDefault()
    send()
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault()
        send()
      }}
    >
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
          disabled={disabled}
          autoFocus={autoFocus}
          enterKeyHint={touch ? 'enter' : 'send'}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={remaining < 0 ? 'true' : undefined}
          aria-describedby="composer-counter composer-help"
        />
        <button type="submit" className="btn btn-primary" data-testid="composer-send" disabled={!canSend}>
          Message
        </button>
      </div>
      <div className="composer-meta">
        <span id="composer-help" className="muted">
          {touch ? 'Enter for a new line, the Message button sends' : 'Enter to send, Shift+Enter for a new line'}
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
