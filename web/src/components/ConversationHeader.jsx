import { Link } from 'react-router-dom'
import Avatar from './Avatar.jsx'

// Who the conversation is with, plus a back link shown on narrow screens.
export default function ConversationHeader({ person, testId }) {
  return (
    <header className="conversation-header">
      <Link to="/messages" className="back-link" data-testid="back-to-inbox">
        <span aria-hidden="true">←</span> Inbox
      </Link>
      {person ? (
        <div className="conversation-person" data-testid={testId}>
          <Avatar name={person.display_name || person.handle} handle={person.handle} size={36} />
          <div>
            <h2 className="name">{person.display_name || person.handle}</h2>
            <span className="handle">@{person.handle}</span>
          </div>
        </div>
      ) : (
        <h2 className="name">Conversation</h2>
      )}
    </header>
  )
}
