// Who "New message" offers for the text typed so far: people whose handle or display name
// starts with it (case-insensitive, a leading "@" ignored), recent contacts from the inbox
// first, then the server's search results, each person once, never the user.
export const MAX_SUGGESTIONS = 8
const MAX_RECENT = 5

export function searchText(typed) {
  return typed.trim().replace(/^@/, '').toLowerCase()
}

export function matches(person, q) {
  return Boolean(q) && [person.handle, person.display_name].some((s) => (s || '').toLowerCase().startsWith(q))
}

export function suggestions(typed, groups, found, me) {
  const q = searchText(typed)
  if (!q) return []
  const seen = new Set([(me || '').toLowerCase()])
  const out = []
  const add = (person, recent) => {
    const key = person.handle.toLowerCase()
    if (seen.has(key)) return
    seen.add(key)
    out.push({ handle: person.handle, display_name: person.display_name, recent })
  }
  groups
    .filter((g) => matches(g, q))
    .slice(0, MAX_RECENT)
    .forEach((g) => add(g, true))
  found.filter((u) => matches(u, q)).forEach((u) => add(u, false))
  return out.slice(0, MAX_SUGGESTIONS)
}
