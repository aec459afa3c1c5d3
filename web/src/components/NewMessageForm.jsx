import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { apiFetch } from '../lib/api.js'
import { useStore } from '../lib/store.js'
import { suggestions } from '../lib/suggest.js'
import { useUserSearch } from '../lib/useUserSearch.js'
import Suggestions, { optionId } from './Suggestions.jsx'

const LIST_ID = 'new-message-suggestions'

// "New message": a handle box that suggests people as one types (recent contacts first),
// ArrowUp/ArrowDown to move, Enter or a click to pick, Escape to close the list. Picking
// someone opens the conversation with them, or /messages/new/<handle> when there is none;
// a typed handle is checked first.
export default function NewMessageForm({ groups = [] }) {
  const [open, setOpen] = useState(false)
  const [value, setValue] = useState('')
  const [error, setError] = useState(null)
  const [busy, setBusy] = useState(false)
  const [listOpen, setListOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const me = useStore((s) => s.handle)
  const navigate = useNavigate()
  const inputRef = useRef(null)
  const buttonRef = useRef(null)

  const found = useUserSearch(open ? value : '')
  const people = open ? suggestions(value, groups, found, me) : []
  const showList = listOpen && people.length > 0
  const current = showList && active < people.length ? active : -1

  useEffect(() => {
    if (open) inputRef.current?.focus()
  }, [open])

  const close = () => {
    setOpen(false)
    setValue('')
    setError(null)
    setListOpen(false)
    buttonRef.current?.focus()
  }

  const go = (handle) => {
    const existing = groups.find((g) => g.handle.toLowerCase() === handle.toLowerCase())
    setOpen(false)
    setValue('')
    setListOpen(false)
    const path = existing ? encodeURIComponent(existing.uuid) : `new/${encodeURIComponent(handle)}`
    navigate(`/messages/${path}`)
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
      go(data?.handle || handle)
    } catch (err) {
      setError(err.status === 404 ? `No user @${handle}` : err.message)
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!people.length) return
      const step = e.key === 'ArrowDown' ? 1 : -1
      setListOpen(true)
      setActive(showList ? (current + step + people.length) % people.length : step > 0 ? 0 : people.length - 1)
    } else if (e.key === 'Enter' && current >= 0) {
      e.preventDefault()
      go(people[current].handle)
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault()
      e.stopPropagation()
      setListOpen(false)
      setActive(-1)
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
            <div className="combobox">
              <input
                id="new-message-handle"
                ref={inputRef}
                data-testid="new-message-handle"
                type="text"
                role="combobox"
                placeholder="@handle or name"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck="false"
                value={value}
                onChange={(e) => {
                  setValue(e.target.value)
                  setError(null)
                  setListOpen(true)
                  setActive(-1)
                }}
                onKeyDown={onKeyDown}
                onBlur={() => setListOpen(false)}
                aria-autocomplete="list"
                aria-expanded={showList}
                aria-controls={LIST_ID}
                aria-activedescendant={current >= 0 ? optionId(current) : undefined}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? 'new-message-error' : undefined}
              />
              {showList && (
                <Suggestions
                  id={LIST_ID}
                  people={people}
                  active={current}
                  onPick={(p) => go(p.handle)}
                  onHover={setActive}
                />
              )}
            </div>
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
