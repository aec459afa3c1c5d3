import { NavLink } from 'react-router-dom'
import PersonLine from './PersonLine.jsx'
import Avatar from './Avatar.jsx'

export default function InboxRow({ group, now }) {
  return (
    <NavLink
      to={`/messages/${encodeURIComponent(group.uuid)}`}
      className="inbox-row"
      data-testid="inbox-row"
      data-handle={group.handle}
    >
      <Avatar name={group.display_name || group.handle} handle={group.handle} />
      <div className="inbox-row-body">
        <div className="inbox-row-top">
          <PersonLine displayName={group.display_name} handle={group.handle} at={group.created_at} now={now} />
        </div>
        <p className="inbox-row-message">{group.message}</p>
      </div>
    </NavLink>
  )
}
