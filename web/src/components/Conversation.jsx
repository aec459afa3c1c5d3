import { useCallback } from 'react'
import { Link, useLocation, useOutletContext, useParams } from 'react-router-dom'
import { apiFetch } from '../lib/api.js'
import { useStore } from '../lib/store.js'
import { useConversation } from '../lib/useConversation.js'
import Composer from './Composer.jsx'
import ConversationHeader from './ConversationHeader.jsx'
import MessageList from './MessageList.jsx'

// /messages/:uuid. Keyed by uuid so switching conversations starts afresh.
export default function Conversation() {
  const { uuid } = useParams()
  return <ConversationView key={uuid} uuid={uuid} />
}

function ConversationView({ uuid }) {
  const me = useStore((s) => s.handle)
  const inbox = useOutletContext()
  const location = useLocation()
  const seed = location.state?.sent ? [location.state.sent] : []
  const convo = useConversation(uuid, seed)
  const { addMessage } = convo
  const refreshInbox = inbox?.refresh
  const noteSent = inbox?.noteSent

  const group = inbox?.groups.find((g) => g.uuid === uuid)
  const other = convo.messages.find((m) => m.handle !== me)
  const person = group ? { handle: group.handle, display_name: group.display_name } : other || null

  const onSend = useCallback(
    async (text, key) => {
      const { data } = await apiFetch('/api/messages', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: { message: text, message_group_uuid: uuid },
      })
      if (data?.uuid) {
        addMessage(data)
        noteSent?.({ uuid, message: data.message, created_at: data.created_at })
      }
      refreshInbox?.()
    },
    [uuid, addMessage, refreshInbox, noteSent],
  )

  if (convo.status === 'notfound') {
    return (
      <div className="conversation" data-testid="conversation">
        <ConversationHeader person={null} />
        <div className="centered-note" role="alert">
          <p>This conversation does not exist, or you are not part of it.</p>
          <p>
            <Link to="/messages">Back to your messages</Link>
          </p>
        </div>
      </div>
    )
  }

  return (
    <div className="conversation" data-testid="conversation">
      <ConversationHeader person={person} />
      {convo.status === 'error' && convo.messages.length === 0 ? (
        <div className="centered-note" role="alert">
          <p className="form-error">Could not load this conversation: {convo.error}</p>
          <p className="muted">Retrying…</p>
        </div>
      ) : (
        <MessageList
          messages={convo.messages}
          me={me}
          hasOlder={Boolean(convo.cursor)}
          complete={convo.status === 'ready' && !convo.cursor}
          loadingOlder={convo.loadingOlder}
          onLoadOlder={convo.loadOlder}
          empty={convo.status === 'loading' ? 'Loading messages…' : 'No messages yet.'}
        />
      )}
      <Composer onSend={onSend} />
    </div>
  )
}
