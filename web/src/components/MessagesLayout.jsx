import { Outlet, useLocation } from 'react-router-dom'
import { useInbox } from '../lib/useInbox.js'
import Inbox from './Inbox.jsx'

// Inbox column beside the open conversation. On narrow screens only one of
// the two is shown: the inbox at /messages, the conversation below it.
export default function MessagesLayout() {
  const inbox = useInbox()
  const { pathname } = useLocation()
  const open = pathname.replace(/\/+$/, '') !== '/messages'

  return (
    <div className={open ? 'messages-layout has-conversation' : 'messages-layout'}>
      <Inbox inbox={inbox} />
      <section className="conversation-pane" aria-label="Conversation">
        <Outlet context={inbox} />
      </section>
    </div>
  )
}
