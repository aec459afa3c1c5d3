export default function NoConversation() {
  return (
    <div className="centered-note">
      <p className="muted">Choose a conversation, or start a new one.</p>
    </div>
  )
}
