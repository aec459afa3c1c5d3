import { dayLabel } from '../lib/time.js'

// "Today", "Yesterday", "Monday, December 7" between the days of a conversation.
export default function DaySeparator({ at, now }) {
  return (
    <li className="day-separator" data-testid="day-separator">
      <span>{dayLabel(at, now)}</span>
    </li>
  )
}
