import { useNow } from '../lib/hooks.js'
import InboxRow from './InboxRow.jsx'
import NewMessageForm from './NewMessageForm.jsx'

export default function Inbox({ inbox }) {
  const { groups, status, error, olderCursor, loadingOlder, loadOlder } = inbox
  const now = useNow()

  return (
    <aside className="inbox-pane" aria-labelledby="inbox-heading">
      <div className="inbox-header">
        <h1 id="inbox-heading">Messages</h1>
        <NewMessageForm groups={groups} />
      </div>
      <div className="inbox-scroll">
        {status === 'loading' && groups.length === 0 && <p className="muted pad">Loading conversations…</p>}
        {status === 'error' && groups.length === 0 && (
          <p className="form-error pad" role="alert">
            Could not load your conversations: {error}
          </p>
        )}
        {status === 'ready' && groups.length === 0 && (
          <p className="muted pad">No conversations yet. Start one with “New message”.</p>
        )}
        <ul className="inbox-list" data-testid="inbox">
          {groups.map((g) => (
            <li key={g.uuid}>
              <InboxRow group={g} now={now} />
            </li>
          ))}
        </ul>
        {olderCursor && (
          <div className="pad center">
            <button type="button" className="btn btn-ghost" onClick={loadOlder} disabled={loadingOlder}>
              {loadingOlder ? 'Loading…' : 'Load older conversations'}
            </button>
          </div>
        )}
      </div>
    </aside>
  )
}
