import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { apiFetch } from '../lib/api.js'
import { useStore } from '../lib/store.js'

// "New message": ask for a handle, check that the person exists, then open
// /messages/new/<handle>.
export default function NewMessageForm() {
  const [open, setOpen] = useState(false)
  const [value, setValue] = useState('')
  const [error, setError] = useState(null)
  const [busy, setBusy] = useState(false)
  const me = useStore((s) => s.handle)
  const navigate = useNavigate()
  const inputRef = useRef(null)
  const buttonRef = useRef(null)

  useEffect(() => {
    if (open) inputRef.current?.focus()
  }, [open])

  const close = () => {
    setOpen(false)
    setValue('')
    setError(null)
    buttonRef.current?.focus()
  }

  const onSubmit = async (e) => {
    e.preventDefault()
    const handle = value.trim().replace(/^@/, '')
    if (!handle) {
      setError('Enter a handle.')
      return
    }
    if (me && handle.toLowerCase() === me.toLowerCase()) {
      setError('You cannot send a direct message to yourself.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { data } = await apiFetch(`/api/users/@${encodeURIComponent(handle)}/short`)
      const found = data?.handle || handle
      setOpen(false)
      setValue('')
      navigate(`/messages/new/${encodeURIComponent(found)}`)
    } catch (err) {
      setError(err.status === 404 ? `No user @${handle}` : err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="new-message">
      <button
        type="button"
        ref={buttonRef}
        className="btn btn-primary btn-small"
        data-testid="new-message-button"
        aria-expanded={open}
        aria-controls="new-message-form"
        onClick={() => (open ? close() : setOpen(true))}
      >
        New message
      </button>
      {open && (
        <form
          id="new-message-form"
          className="new-message-form"
          onSubmit={onSubmit}
          onKeyDown={(e) => e.key === 'Escape' && close()}
          noValidate
        >
          <label htmlFor="new-message-handle">To</label>
          <div className="new-message-row">
            <input
              id="new-message-handle"
              ref={inputRef}
              data-testid="new-message-handle"
              type="text"
              placeholder="@handle"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck="false"
              value={value}
              onChange={(e) => {
                setValue(e.target.value)
                setError(null)
              }}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'new-message-error' : undefined}
            />
            <button type="submit" className="btn btn-primary" data-testid="new-message-go" disabled={busy}>
              Go
            </button>
          </div>
          {error && (
            <p className="form-error" id="new-message-error" role="alert" data-testid="new-message-error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  )
}
