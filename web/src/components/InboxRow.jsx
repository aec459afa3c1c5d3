import { NavLink } from 'react-router-dom'
import PersonLine from './PersonLine.jsx'
import Avatar from './Avatar.jsx'
import UnreadPill from './UnreadPill.jsx'

// One conversation in the inbox: bold with a count while it has unread messages, except
// when it is the one open (reading it marks it read).
export default function InboxRow({ group, now }) {
  const unread = group.unread > 0 ? group.unread : 0
  return (
    <NavLink
      to={`/messages/${encodeURIComponent(group.uuid)}`}
      className={({ isActive }) => (unread && !isActive ? 'inbox-row inbox-row-unread' : 'inbox-row')}
      data-testid="inbox-row"
      data-handle={group.handle}
    >
      {({ isActive }) => (
        <>
          <Avatar name={group.display_name || group.handle} handle={group.handle} />
          <div className="inbox-row-body">
            <div className="inbox-row-top">
              <PersonLine displayName={group.display_name} handle={group.handle} at={group.created_at} now={now} />
            </div>
            <div className="inbox-row-bottom">
              <p className="inbox-row-message">{group.message}</p>
              {!isActive && <UnreadPill count={unread} />}
            </div>
          </div>
        </>
      )}
    </NavLink>
  )
}
