import { useCallback, useEffect, useState } from 'react'
import { Link, useNavigate, useOutletContext, useParams } from 'react-router-dom'
import { apiFetch, isAbort } from '../lib/api.js'
import { draftKey } from '../lib/drafts.js'
import { unreadChanged, useStore } from '../lib/store.js'
import { outboxMessages, useOutbox } from '../lib/useOutbox.js'
import Composer from './Composer.jsx'
import ConversationHeader from './ConversationHeader.jsx'
import MessageList from './MessageList.jsx'

// /messages/new/:handle — an empty conversation with someone; the first send
// creates it and moves to /messages/<uuid>.
export default function NewConversation() {
  const { handle } = useParams()
  return <NewConversationView key={handle} handle={handle.replace(/^@/, '')} />
}

function NewConversationView({ handle }) {
  const me = useStore((s) => s.handle)
  const inbox = useOutletContext()
  const refreshInbox = inbox?.refresh
  const noteSent = inbox?.noteSent
  const navigate = useNavigate()
  const [state, setState] = useState({ status: 'loading', user: null, error: null })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const ctrl = new AbortController()
    let retry = null
    apiFetch(`/api/users/@${encodeURIComponent(handle)}/short`, { signal: ctrl.signal })
      .then(({ data }) => setState({ status: 'ready', user: data, error: null }))
      .catch((err) => {
        if (isAbort(err)) return
        if (err.status === 404) {
          setState({ status: 'notfound', user: null, error: err.message })
          return
        }
        setState({ status: 'error', user: null, error: err.message })
        retry = setTimeout(() => setAttempt((a) => a + 1), 3000)
      })
    return () => {
      ctrl.abort()
      clearTimeout(retry)
    }
  }, [handle, attempt])

  const user = state.user
  const post = useCallback(
    async (text, key) => {
      const { data } = await apiFetch('/api/messages', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: { message: text, handle: user.handle },
      })
      if (data?.message_group_uuid) {
        const { message_group_uuid: groupUuid, ...message } = data
        noteSent?.({
          uuid: groupUuid,
          display_name: user.display_name,
          handle: user.handle,
          message: message.message,
          created_at: message.created_at,
        })
        refreshInbox?.()
        unreadChanged()
        navigate(`/messages/${encodeURIComponent(groupUuid)}`, { replace: true, state: { sent: message } })
      }
      return data
    },
    [user, navigate, refreshInbox, noteSent],
  )
  const outbox = useOutbox(post)

  // Someone the user already talks to: open that conversation rather than an empty one.
  const existing = user && inbox?.groups.find((g) => g.handle === user.handle)
  useEffect(() => {
    if (existing) navigate(`/messages/${encodeURIComponent(existing.uuid)}`, { replace: true })
  }, [existing, navigate])

  if (state.status === 'notfound') {
    return (
      <div className="conversation" data-testid="conversation">
        <ConversationHeader person={null} />
        <div className="centered-note" role="alert" data-testid="recipient-not-found">
          <p className="strong">No user @{handle}</p>
          <p>
            <Link to="/messages">Back to your messages</Link>
          </p>
        </div>
      </div>
    )
  }

  if (state.status !== 'ready') {
    return (
      <div className="conversation" data-testid="conversation">
        <ConversationHeader person={null} />
        <div className="centered-note" role={state.status === 'error' ? 'alert' : 'status'}>
          {state.status === 'error' ? (
            <p className="form-error">Could not look up @{handle}: {state.error}</p>
          ) : (
            <p className="muted">Looking up @{handle}…</p>
          )}
        </div>
      </div>
    )
  }

  const self = me && user.handle?.toLowerCase() === me.toLowerCase()
  return (
    <div className="conversation" data-testid="conversation">
      <ConversationHeader person={user} testId="recipient" />
      <MessageList
        messages={outboxMessages(outbox.items, me)}
        me={me}
        hasOlder={false}
        complete
        loadingOlder={false}
        onLoadOlder={noop}
        onRetry={outbox.retry}
        onDiscard={outbox.discard}
        empty={
          self
            ? 'You cannot send a direct message to yourself.'
            : `This is the start of your conversation with ${user.display_name || '@' + user.handle}.`
        }
      />
      <Composer
        onSend={outbox.send}
        draftKey={draftKey(me, `new:${user.handle.toLowerCase()}`)}
        disabled={self}
        autoFocus
      />
    </div>
  )
}

function noop() {}
