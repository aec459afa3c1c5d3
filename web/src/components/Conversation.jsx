import { useCallback, useEffect } from 'react'
import { Link, useLocation, useOutletContext, useParams } from 'react-router-dom'
import { apiFetch } from '../lib/api.js'
import { draftKey } from '../lib/drafts.js'
import { setOpenGroup, unreadChanged, useStore } from '../lib/store.js'
import { useConversation } from '../lib/useConversation.js'
import { outboxMessages, useOutbox } from '../lib/useOutbox.js'
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
  const refreshInbox = inbox?.refresh
  const noteSent = inbox?.noteSent
  const noteRead = inbox?.noteRead
  useEffect(() => {
    setOpenGroup(uuid)
    return () => setOpenGroup(null)
  }, [uuid])

  // Reading the newest page marked it read: the inbox row and the badge follow at once.
  const onRead = useCallback(
    (fresh) => {
      noteRead?.(uuid)
      if (fresh) unreadChanged()
    },
    [uuid, noteRead],
  )
  const convo = useConversation(uuid, seed, onRead)
  const { addMessage } = convo

  const post = useCallback(
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
      unreadChanged()
      return data
    },
    [uuid, addMessage, refreshInbox, noteSent],
  )
  const outbox = useOutbox(post)
  const { settle } = outbox
  const pending = outbox.items.length > 0
  useEffect(() => {
    if (pending) settle(convo.messages, me)
  }, [pending, settle, convo.messages, me])
  const send = (text) => outbox.send(text, new Set(convo.messages.map((m) => m.uuid)))

  const group = inbox?.groups.find((g) => g.uuid === uuid)
  const other = convo.messages.find((m) => m.handle !== me)
  const person = group ? { handle: group.handle, display_name: group.display_name } : other || null
  const myName = convo.messages.findLast((m) => m.handle === me)?.display_name

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
          messages={[...convo.messages, ...outboxMessages(outbox.items, me, myName)]}
          me={me}
          hasOlder={Boolean(convo.cursor)}
          complete={convo.status === 'ready' && !convo.cursor}
          loadingOlder={convo.loadingOlder}
          onLoadOlder={convo.loadOlder}
          empty={convo.status === 'loading' ? 'Loading messages…' : 'No messages yet.'}
          sentUuid={outbox.sentUuid || location.state?.sent?.uuid}
          onRetry={outbox.retry}
          onDiscard={outbox.discard}
        />
      )}
      <Composer onSend={send} draftKey={draftKey(me, `g:${uuid}`)} autoFocus />
    </div>
  )
}
