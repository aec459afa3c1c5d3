import { NavLink } from 'react-router-dom'
import { fullTime, relativeTime } from '../lib/time.js'
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
          <span className="name">{group.display_name || group.handle}</span>
          <span className="handle">@{group.handle}</span>
          <time className="time" dateTime={group.created_at} title={fullTime(group.created_at)}>
            {relativeTime(group.created_at, now)}
          </time>
        </div>
        <p className="inbox-row-message">{group.message}</p>
      </div>
    </NavLink>
  )
}
