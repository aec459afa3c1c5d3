import { dayKey } from './time.js'

// A conversation's rows, oldest first: a day separator before each day's first message, and
// each message marked `first` when it starts a run of messages from the same person on that
// day (only the first of a run shows the name line).
export function timeline(messages) {
  const rows = []
  let day = null
  let handle = null
  for (const m of messages) {
    const d = dayKey(m.created_at)
    if (d !== day) {
      rows.push({ type: 'day', key: `day-${d}`, at: m.created_at })
      day = d
      handle = null
    }
    rows.push({ type: 'message', key: m.uuid, message: m, first: m.handle !== handle })
    handle = m.handle
  }
  return rows
}
