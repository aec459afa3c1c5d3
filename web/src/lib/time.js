// Sort key for the API's ISO timestamps, keeping microseconds
// (Date.parse alone stops at milliseconds).
export function timeKey(iso) {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return 0
  const m = /\.(\d+)/.exec(iso)
  const micros = m ? Number((m[1] + '000000').slice(3, 6)) : 0
  return ms * 1000 + micros
}

const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' })
const SHORT_DATE_YEAR = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' })
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

// "now", "5m", "3h", then "Nov 3" (with the year when it is not this year).
export function relativeTime(iso, now = Date.now()) {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const seconds = Math.floor((now - t) / 1000)
  if (seconds < 60) return 'now'
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours}h`
  const d = new Date(t)
  return d.getFullYear() === new Date(now).getFullYear() ? SHORT_DATE.format(d) : SHORT_DATE_YEAR.format(d)
}

export function fullTime(iso) {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '' : FULL.format(new Date(t))
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' })
const DAY_YEAR = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })

// "3:07 PM" in the reader's time zone.
export function clockTime(iso) {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '' : CLOCK.format(new Date(t))
}

// The local calendar day of a timestamp, as "2026-12-7" (a key, not for display).
export function dayKey(iso) {
  const d = new Date(Date.parse(iso))
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

// "Today", "Yesterday", "Monday, December 7" (with the year when it is not this year).
export function dayLabel(iso, now = Date.now()) {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const today = new Date(now)
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)
  if (dayKey(iso) === dayKey(today.toISOString())) return 'Today'
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return 'Yesterday'
  const d = new Date(t)
  return d.getFullYear() === today.getFullYear() ? DAY.format(d) : DAY_YEAR.format(d)
}
