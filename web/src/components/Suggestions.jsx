import Avatar from './Avatar.jsx'

export const optionId = (i) => `new-message-option-${i}`

// The listbox of people "New message" offers. The input keeps the focus; the active option is
// announced through its aria-activedescendant. Pressing an option selects it.
export default function Suggestions({ id, people, active, onPick, onHover }) {
  return (
    <ul className="suggestions" id={id} role="listbox" aria-label="Suggestions" data-testid="suggestions">
      {people.map((p, i) => (
        <li
          key={p.handle}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'suggestion suggestion-active' : 'suggestion'}
          data-testid="suggestion"
          data-handle={p.handle}
          onMouseDown={(e) => e.preventDefault()}
          onMouseMove={() => onHover(i)}
          onClick={() => onPick(p)}
        >
          <Avatar name={p.display_name || p.handle} handle={p.handle} size={28} />
          <span className="suggestion-who">
            <span className="name">{p.display_name || p.handle}</span>
            <span className="handle">@{p.handle}</span>
          </span>
          {p.recent && <span className="suggestion-tag">Recent</span>}
        </li>
      ))}
    </ul>
  )
}
